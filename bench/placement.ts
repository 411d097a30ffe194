/**
 * Placement decision cost per strategy at several cluster sizes (synthetic clusters at 85% occupancy,
 * m5.2xlarge instances in three zones, the task shapes of scenarios/scale-1m.yaml and its task-shape mix).
 * For the strategies a placement index covers (single steps, the ECS default spread-az, an AZ-balanced
 * binpack chain, fragmentation-aware), the figure is cost at the largest size over cost at the smallest (target <= 2: indexes, not
 * scans); the scan's cost for the same strategies is measured alongside to show what the index saves.
 */
import { type DecisionCost, measureDecisionCost } from "../src/measure/decision-cost.ts";
import { BUILTIN_INSTANCE_TYPES } from "../src/model/instance-types.ts";
import { presetStrategy } from "../src/placement/presets.ts";
import type { StrategySpec } from "../src/placement/strategy-spec.ts";
import { loadScenarioFile } from "../src/scenario/load.ts";
import { taskMixOf } from "../src/scenario/task-mix.ts";
import type { Figure } from "./figure.ts";

export const INDEXED_TARGETS = [
  "binpack-cpu",
  "binpack-memory",
  "spread-instance",
  "first-fit",
  "best-fit",
  "spread-az",
  "az-binpack-memory",
  "fragmentation-aware",
];
const OTHERS = ["random"];

/** The ECS console's "AZ balanced binpack" template: a two-step chain with an attribute spread first. */
const AZ_BINPACK: StrategySpec = {
  name: "az-binpack-memory",
  description: "spread(attribute:ecs.availability-zone) > binpack(memory)",
  placementStrategy: [
    { type: "spread", field: "attribute:ecs.availability-zone" },
    { type: "binpack", field: "memory" },
  ],
  constraints: [],
};
export const strategyNamed = (name: string) =>
  name === AZ_BINPACK.name ? AZ_BINPACK : presetStrategy(name)!;

export function placementBenchmark(opts: {
  sizes: number[];
  time: number;
  withScan: boolean;
  /** Extra rounds of the indexed targets at the smallest and largest size; the ratio is their median. */
  ratioRounds: number;
}): {
  rows: DecisionCost[];
  figures: Figure[];
} {
  const { scenario } = loadScenarioFile("scenarios/scale-1m.yaml");
  const measure = (strategies: string[], sizes: number[], withScan: boolean) =>
    measureDecisionCost(strategies.map(strategyNamed), {
      sizes,
      occupancy: 0.85,
      instanceType: BUILTIN_INSTANCE_TYPES.get("m5.2xlarge")!,
      shapes: scenario.shapes,
      taskMix: taskMixOf(scenario),
      time: opts.time,
      withScan,
    });
  const rows = measure([...INDEXED_TARGETS, ...OTHERS], opts.sizes, opts.withScan);
  const small = Math.min(...opts.sizes);
  const large = Math.max(...opts.sizes);
  const ratio = (table: DecisionCost[], strategy: string) => {
    const cost = (n: number) =>
      table.find((r) => r.strategy === strategy && r.instances === n && r.indexed)?.meanUs ?? Number.NaN;
    return cost(large) / cost(small);
  };
  const rounds = [rows];
  for (let r = 0; r < opts.ratioRounds; r++) rounds.push(measure(INDEXED_TARGETS, [small, large], false));
  const figures: Figure[] = INDEXED_TARGETS.map((strategy) => {
    const ratios = rounds.map((table) => ratio(table, strategy)).sort((a, b) => a - b);
    return {
      name: `decision cost ${strategy}: ${large} / ${small} instances (median of ${ratios.length} rounds: ${ratios.map((x) => x.toFixed(2)).join(", ")})`,
      value: ratios[Math.floor(ratios.length / 2)]!,
      unit: "ratio",
      target: { atMost: 2 },
    };
  });
  return { rows, figures };
}
