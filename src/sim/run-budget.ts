/**
 * A run's budget while it runs: a ceiling on simulated events, on the JS heap and on the memory outside it,
 * so a run the estimate did not foresee (a crash loop at one instant, a strategy that hoards memory, a
 * burst of 1e8 tasks under --allow-large) stops with a message naming what ran out, instead of running
 * forever, dying in a V8 "heap out of memory" abort or being killed by the system for lack of memory.
 *
 * Checked every 8,192 events and every 8,192 new tasks (a burst submits millions of tasks in one event),
 * each check one v8.getHeapStatistics() call (0.2-6 µs measured at load 25-35; bench/RESULTS.md):
 * - the JS heap in use against `heapFraction` of V8's heap limit (--max-old-space-size);
 * - the heap plus the memory outside it that V8 accounts for (the typed arrays holding tasks, instances,
 *   events: ~85 bytes per task) against `heapFraction` of the machine's memory (or the container's
 *   limit, process.constrainedMemory()).
 * Limits: each worker thread (sweep, plan) checks its own memory against the whole machine's; memory no
 * allocation between two checks can exceed 8,192 events' or tasks' worth, except instances created at one
 * instant (bounded by the work estimate unless --allow-large) and metric samples taken between two events
 * (the same).
 */
import { totalmem } from "node:os";
import { getHeapStatistics, type HeapInfo } from "node:v8";

export interface RunBudget {
  /** Stop after this many events in one run (Infinity: no limit). */
  maxEvents: number;
  /** Stop when the JS heap in use exceeds this fraction of V8's heap limit, or heap and typed arrays
   * together this fraction of the machine's memory. */
  heapFraction: number;
}

export const DEFAULT_RUN_BUDGET: RunBudget = { maxEvents: Number.POSITIVE_INFINITY, heapFraction: 0.85 };

/** Events (and new tasks) between two budget checks (a power of two less one: `(n & CHECK_MASK) === 0`). */
export const CHECK_MASK = 0x1fff;

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
  checkMemory(budget, now);
}

/** The machine's memory, or the container's limit when one is set below it. */
function machineMemory(): number {
  const total = totalmem();
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  return constrained !== undefined && constrained > 0 && constrained < total ? constrained : total;
}

const MACHINE_MEMORY = machineMemory();

/** Throws RunBudgetExceeded when the heap, or the heap and the memory outside it, is over budget. */
export function checkMemory(
  budget: RunBudget,
  now: number,
  s: Pick<HeapInfo, "used_heap_size" | "heap_size_limit" | "external_memory"> = getHeapStatistics(),
  machine = MACHINE_MEMORY,
): void {
  if (s.used_heap_size > budget.heapFraction * s.heap_size_limit) {
    throw new RunBudgetExceeded(
      `stopped at simulated time ${now.toFixed(3)}s: the JS heap holds ${mib(s.used_heap_size)} MiB of its ` +
        `${mib(s.heap_size_limit)} MiB limit (fewer tasks, seeds or samples, or node --max-old-space-size=N for more)`,
    );
  }
  const held = s.used_heap_size + s.external_memory;
  if (held > budget.heapFraction * machine) {
    throw new RunBudgetExceeded(
      `stopped at simulated time ${now.toFixed(3)}s: the run holds ${mib(held)} MiB (heap and task ` +
        `tables) of the machine's ${mib(machine)} MiB (fewer tasks, instances or seeds)`,
    );
  }
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}
