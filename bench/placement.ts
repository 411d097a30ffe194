/**
 * Placement decision cost per strategy at several cluster sizes (synthetic clusters at 85% occupancy,
 * m5.2xlarge instances, the task shapes of scenarios/scale-1m.yaml). For the strategies the placement index
 * covers, the figure is cost at the largest size over cost at the smallest (target <= 2: indexes, not
 * scans); the scan's cost for the same strategies is measured alongside to show what the index saves.
 */
import { type DecisionCost, measureDecisionCost } from "../src/bench/decision-cost.ts";
import { BUILTIN_INSTANCE_TYPES } from "../src/model/instance-types.ts";
import { presetStrategy } from "../src/placement/presets.ts";
import { loadScenarioFile } from "../src/scenario/load.ts";
import type { Figure } from "./figure.ts";

export const INDEXED_TARGETS = ["binpack-cpu", "binpack-memory", "spread-instance", "first-fit"];
const OTHERS = ["random", "spread-az"];

export function placementBenchmark(opts: { sizes: number[]; time: number; withScan: boolean }): {
  rows: DecisionCost[];
  figures: Figure[];
} {
  const { scenario } = loadScenarioFile("scenarios/scale-1m.yaml");
  const rows = measureDecisionCost(
    [...INDEXED_TARGETS, ...OTHERS].map((n) => presetStrategy(n)!),
    {
      sizes: opts.sizes,
      occupancy: 0.85,
      instanceType: BUILTIN_INSTANCE_TYPES.get("m5.2xlarge")!,
      shapes: scenario.shapes,
      time: opts.time,
      withScan: opts.withScan,
    },
  );
  const small = Math.min(...opts.sizes);
  const large = Math.max(...opts.sizes);
  const cost = (strategy: string, n: number) =>
    rows.find((r) => r.strategy === strategy && r.instances === n && r.indexed)?.meanUs ?? Number.NaN;
  const figures: Figure[] = INDEXED_TARGETS.map((strategy) => ({
    name: `decision cost ${strategy}: ${large} / ${small} instances`,
    value: cost(strategy, large) / cost(strategy, small),
    unit: "ratio",
    target: { atMost: 2 },
  }));
  return { rows, figures };
}
