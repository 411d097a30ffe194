/**
 * The figures a verdict ranks strategies on: what a capacity planner decides with (instances, cost, delay
 * tail, stranded capacity, failures, losses, service availability, and what rebalancing costs in moves and
 * buys in zone balance). Each has a label of its own (the verdict's wording); the unit and the better
 * direction come from the metric catalog (src/metrics/catalog.ts), so "which way is better" is stated
 * once for gates, tables, charts and the verdict. Unit formatting lives in units.ts.
 */
import { metricInfo } from "../metrics/catalog.ts";
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

/** The verdict's wording for each fixed key metric, in verdict order (cost first). */
const FIXED_LABELS: [path: string, label: string][] = [
  ["cost.dollars", "cost"],
  ["instancesInUse.mean", "instances in use"],
  ["placementDelay.p95", "p95 placement delay"],
  ["fragmentation.strandedMemory", "stranded memory"],
  ["fragmentation.strandedCpu", "stranded CPU"],
  ["tasks.failedPlacement", "failed placements"],
  ["queue.meanPending", "mean pending tasks"],
  ["dynamics.tasksLost", "tasks lost"],
  ["dynamics.tasksMoved", "tasks moved by rebalancing"],
];

/**
 * A key metric with the catalog's unit and better direction. `path` is spelt out by the caller because a
 * service name may hold dots. A key metric must have a better direction: that is what ranking needs.
 */
function keyMetric(metric: string, path: string[], label: string): KeyMetric {
  const info = metricInfo(metric);
  if (!info?.better) throw new Error(`key metric "${metric}" has no better direction in the catalog`);
  return { metric, path, label, unit: info.unit, better: info.better };
}

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

/** Whether rebalancing moved tasks in any run of the strategy that could touch the service's zone balance. */
function movedTasksOf(s: StrategyRuns, service: string): boolean {
  return (
    runValues(s, ["dynamics", "services", service, "rebalanceMoves"]).some((v) => v > 0) ||
    runValues(s, ["dynamics", "tasksMoved"]).some((v) => v > 0)
  );
}

/**
 * The key metrics these results can rank on: the fixed list plus each service's availability, leaving out
 * figures no run has (dynamics without services or failures) and figures that are 0 in every run of every
 * strategy (failed placements under `pending: queue`): nothing to rank there.
 */
export function keyMetrics(strategies: StrategyRuns[]): KeyMetric[] {
  const all: KeyMetric[] = [
    ...FIXED_LABELS.map(([metric, label]) => keyMetric(metric, metric.split("."), label)),
    ...services(strategies).map((svc) =>
      keyMetric(
        `dynamics.services.${svc}.availability`,
        ["dynamics", "services", svc, "availability"],
        `${svc} availability`,
      ),
    ),
    // Zone balance matters to the verdict where rebalancing moved tasks: ECS AZ rebalancing (counted per
    // service) or a strategy's rebalancer (az-balance, drain-emptiest, a rebalance hook: counted per run).
    ...services(strategies)
      .filter((svc) => strategies.some((st) => movedTasksOf(st, svc)))
      .map((svc) =>
        keyMetric(
          `dynamics.services.${svc}.zoneImbalance`,
          ["dynamics", "services", svc, "zoneImbalance"],
          `${svc} zone imbalance`,
        ),
      ),
  ];
  return all.filter((m) => {
    const values = strategies.flatMap((s) => s.runs.map((r) => runValue(r.metrics, m.path)));
    return values.some((v) => v !== undefined) && values.some((v) => v !== undefined && v !== 0);
  });
}
