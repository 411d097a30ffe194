/**
 * summary.md section for single-replication studies: the batch-means estimate of each headline series of
 * the one run (docs/statistics.md), since per-metric intervals need two or more seeds.
 */
import type { BatchMeansEstimate } from "../stats/batch-means.ts";
import type { Results } from "./results.ts";
import { markdownText } from "./text-escape.ts";

const SERIES = [
  ["cpu", "cpu reserved", (v: number) => `${(v * 100).toFixed(1)}%`],
  ["memory", "memory reserved", (v: number) => `${(v * 100).toFixed(1)}%`],
  ["pending", "pending tasks", (v: number) => String(Number(v.toPrecision(3)))],
  ["instancesInUse", "instances in use", (v: number) => String(Number(v.toPrecision(3)))],
  ["strandedMemory", "stranded memory", (v: number) => `${(v * 100).toFixed(1)}%`],
] as const;

export function steadyStateSection(results: Results, line: (cells: string[]) => string): string[] {
  if (results.scenario.seeds.length !== 1) return [];
  const cell = (e: BatchMeansEstimate | null, format: (v: number) => string) => {
    if (!e) return "-";
    const lag = e.lag1 === null ? "" : ` (lag1 ${e.lag1.toFixed(2)})`;
    return e.ci95 === null ? format(e.mean) : `${format(e.mean)} ± ${format(e.ci95)}${lag}`;
  };
  const header = ["strategy", ...SERIES.map(([, label]) => label)];
  const batches = results.strategies[0]?.runs[0]?.steadyState.batches ?? 0;
  return [
    "## Steady state (batch means, one run)",
    "",
    `One replication: each cell is the mean of the sampled series after warm-up ± the 95% CI from ${batches} ` +
      "batch means; a lag-1 autocorrelation of the batch means well above 0 means the run is too short for the interval.",
    "",
    line(header),
    line(header.map(() => "---")),
    ...results.strategies.map((s) => {
      const st = s.runs[0]!.steadyState.series;
      return line([markdownText(s.name), ...SERIES.map(([key, , format]) => cell(st[key], format))]);
    }),
    "",
  ];
}
