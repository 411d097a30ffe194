/**
 * The figures a verdict ranks strategies on: what a capacity planner decides with (instances, cost, delay
 * tail, stranded capacity, failures, losses, service availability, and what rebalancing costs in moves and
 * buys in zone balance). Each has a label, a unit and the
 * better direction (from the metric-direction table gates use). Unit formatting lives in units.ts.
 */
import type { DynamicsSeries } from "../metrics/dynamics-recorder.ts";
import type { RunMetrics, RunSeries } from "../metrics/run-metrics.ts";
import type { Unit } from "./units.ts";

/** What the verdict reads of a strategy's results (results.ts StrategyRuns has this shape). */
export interface StrategyRuns {
  name: string;
  runs: { metrics: RunMetrics; series: RunSeries; dynamics?: DynamicsSeries }[];
}

export interface KeyMetric {
  /** Dotted metric path as gates spell it, e.g. "placementDelay.p95". */
  metric: string;
  path: string[];
  label: string;
  unit: Unit;
  better: "lower" | "higher";
}

const FIXED: Omit<KeyMetric, "metric">[] = [
  { path: ["cost", "dollars"], label: "cost", unit: "dollars", better: "lower" },
  { path: ["instancesInUse", "mean"], label: "instances in use", unit: "count", better: "lower" },
  { path: ["placementDelay", "p95"], label: "p95 placement delay", unit: "seconds", better: "lower" },
  { path: ["fragmentation", "strandedMemory"], label: "stranded memory", unit: "fraction", better: "lower" },
  { path: ["fragmentation", "strandedCpu"], label: "stranded CPU", unit: "fraction", better: "lower" },
  { path: ["tasks", "failedPlacement"], label: "failed placements", unit: "count", better: "lower" },
  { path: ["queue", "meanPending"], label: "mean pending tasks", unit: "count", better: "lower" },
  { path: ["dynamics", "tasksLost"], label: "tasks lost", unit: "count", better: "lower" },
  { path: ["dynamics", "tasksMoved"], label: "tasks moved by rebalancing", unit: "count", better: "lower" },
];

/** A metric's value in one run; a key missing in the run counts as 0 (as in the summaries). */
export function runValue(metrics: object, path: string[]): number | undefined {
  let node: unknown = metrics;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "number" ? node : undefined;
}

/** Per-run values of a strategy, in seed order (missing = 0). */
export function runValues(s: StrategyRuns, path: string[]): number[] {
  return s.runs.map((r) => runValue(r.metrics, path) ?? 0);
}

/** Services named in any run's dynamics metrics, in first-seen order. */
function services(strategies: StrategyRuns[]): string[] {
  const names = new Set<string>();
  for (const s of strategies)
    for (const r of s.runs)
      for (const name of Object.keys(r.metrics.dynamics?.services ?? {})) names.add(name);
  return [...names];
}

/**
 * The key metrics these results can rank on: the fixed list plus each service's availability, leaving out
 * figures no run has (dynamics without services or failures) and figures that are 0 in every run of every
 * strategy (failed placements under `pending: queue`): nothing to rank there.
 */
export function keyMetrics(strategies: StrategyRuns[]): KeyMetric[] {
  const all: KeyMetric[] = [
    ...FIXED.map((m) => ({ ...m, metric: m.path.join(".") })),
    ...services(strategies).map((svc) => ({
      metric: `dynamics.services.${svc}.availability`,
      path: ["dynamics", "services", svc, "availability"],
      label: `${svc} availability`,
      unit: "fraction" as const,
      better: "higher" as const,
    })),
    // Zone balance matters to the verdict where AZ rebalancing moved tasks of the service.
    ...services(strategies)
      .filter((svc) =>
        strategies.some((st) =>
          runValues(st, ["dynamics", "services", svc, "rebalanceMoves"]).some((v) => v > 0),
        ),
      )
      .map((svc) => ({
        metric: `dynamics.services.${svc}.zoneImbalance`,
        path: ["dynamics", "services", svc, "zoneImbalance"],
        label: `${svc} zone imbalance`,
        unit: "count" as const,
        better: "lower" as const,
      })),
  ];
  return all.filter((m) => {
    const values = strategies.flatMap((s) => s.runs.map((r) => runValue(r.metrics, m.path)));
    return values.some((v) => v !== undefined) && values.some((v) => v !== undefined && v !== 0);
  });
}
