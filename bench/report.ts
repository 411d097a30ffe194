/**
 * Report generation: results.json, summary.md, the terminal table and index.html for 6 strategies x 10
 * seeds, from runs simulated beforehand (not timed). Target: under 2 seconds, absolute.
 */
import { Bench } from "tinybench";
import { presetStrategy } from "../src/placement/presets.ts";
import { renderConsoleTable } from "../src/report/console-table.ts";
import { renderHtmlReport } from "../src/report/html.ts";
import { buildResults, serializeResults } from "../src/report/results.ts";
import { renderSummaryMarkdown } from "../src/report/summary-markdown.ts";
import { loadScenarioFile } from "../src/scenario/load.ts";
import { compare } from "../src/sim/compare.ts";
import { type Figure, statsOf } from "./figure.ts";

export const REPORT_STRATEGIES = [
  "binpack-memory",
  "binpack-cpu",
  "spread-az",
  "spread-instance",
  "random",
  "first-fit",
];

export function reportBenchmark(opts: { seeds: number; time: number }): Figure[] {
  const { scenario } = loadScenarioFile("scenarios/quickstart.yaml");
  const strategies = REPORT_STRATEGIES.map((n) => presetStrategy(n)!);
  const comparison = compare(scenario, { strategies, replications: opts.seeds });
  let bytes = 0;
  const bench = new Bench({ time: opts.time, iterations: 3 });
  bench.add("report", () => {
    const results = buildResults(scenario, comparison);
    bytes = serializeResults(results).length;
    bytes += renderSummaryMarkdown(results).length + renderConsoleTable(results).length;
    bytes += renderHtmlReport(results).length;
  });
  bench.runSync();
  const s = statsOf(bench.tasks[0]!, 1);
  return [
    {
      name: `report generation, ${strategies.length} strategies x ${opts.seeds} seeds (quickstart, ${(bytes / 1e6).toFixed(1)} MB written)`,
      value: s.meanMs / 1000,
      unit: "s",
      target: { atMost: 2 },
      detail: s,
    },
  ];
}
