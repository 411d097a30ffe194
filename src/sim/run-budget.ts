/**
 * A run's budget while it runs: a ceiling on simulated events and on the JS heap, checked every 65,536
 * events (one `process.memoryUsage()` call, a few microseconds), so a run the estimate did not foresee
 * (a crash loop at one instant, a strategy that hoards memory) stops with a message naming what ran out,
 * instead of running forever or dying in a V8 "heap out of memory" abort.
 * Limit: memory is checked between events; one event that allocates gigabytes at once (a burst of 1e8
 * tasks under --allow-large) can still exhaust memory before the next check.
 */
import { getHeapStatistics } from "node:v8";

export interface RunBudget {
  /** Stop after this many events in one run (Infinity: no limit). */
  maxEvents: number;
  /** Stop when the JS heap in use exceeds this fraction of V8's heap limit. */
  heapFraction: number;
}

export const DEFAULT_RUN_BUDGET: RunBudget = { maxEvents: Number.POSITIVE_INFINITY, heapFraction: 0.85 };

/** Events between two budget checks (a power of two: `(events & CHECK_MASK) === 0`). */
export const CHECK_MASK = 0xffff;

export class RunBudgetExceeded extends Error {
  override name = "RunBudgetExceeded";
}

/** Throws RunBudgetExceeded when the run is over budget. */
export function checkRunBudget(budget: RunBudget, events: number, now: number): void {
  if (events > budget.maxEvents) {
    throw new RunBudgetExceeded(
      `stopped after ${events} events at simulated time ${now.toFixed(3)}s: over the event budget of ` +
        `${budget.maxEvents} (a crash loop or an event storm the work estimate did not foresee; ` +
        "--allow-large lifts it)",
    );
  }
  const limit = getHeapStatistics().heap_size_limit;
  const used = process.memoryUsage().heapUsed;
  if (used > budget.heapFraction * limit) {
    throw new RunBudgetExceeded(
      `stopped at simulated time ${now.toFixed(3)}s: the JS heap holds ${mib(used)} MiB of its ` +
        `${mib(limit)} MiB limit (fewer tasks, seeds or samples, or node --max-old-space-size=N for more)`,
    );
  }
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}
