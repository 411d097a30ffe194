/**
 * Tasks never placed: submitted but never given an instance, because their placement failed (pending:
 * fail), they were withdrawn while pending (a service scaled in) or they were still pending when the run
 * ended. The placement-delay curve covers placed tasks only, so this share is shown beside it and in the
 * headline table: a strategy that leaves 40% of tasks unplaced must not look fast.
 */
import type { RunMetrics } from "../metrics/run-metrics.ts";
import { estimate } from "../stats/confidence.ts";
import type { StrategyRuns } from "./key-metrics.ts";

export function neverPlaced(m: RunMetrics): number {
  return m.tasks.failedPlacement + m.tasks.cancelled + m.tasks.pendingAtEnd;
}

/** Never placed / submitted in one run (0 when nothing was submitted). */
export function neverPlacedShare(m: RunMetrics): number {
  return m.tasks.submitted > 0 ? neverPlaced(m) / m.tasks.submitted : 0;
}

/** Per-run shares of a strategy, in seed order. */
export function neverPlacedShares(s: StrategyRuns): number[] {
  return s.runs.map((r) => neverPlacedShare(r.metrics));
}

/** Mean share over replications per strategy, in run order. */
export function meanNeverPlaced(strategies: StrategyRuns[]): { strategy: string; share: number }[] {
  return strategies.map((s) => ({ strategy: s.name, share: estimate(neverPlacedShares(s)).mean }));
}
