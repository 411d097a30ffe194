/** One benchmark figure, with its target when the issue sets one, and tinybench's statistics when measured. */
import type { Task } from "tinybench";

export interface TaskStats {
  /** Operations per second, from the mean latency of one iteration and the operations it performs. */
  perSecond: number;
  /** Mean and p99 latency of one iteration, milliseconds. */
  meanMs: number;
  p99Ms: number;
  /** Relative margin of error of the mean, percent (95% interval half-width over the mean). */
  rme: number;
  samples: number;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { atLeast?: number; atMost?: number };
  detail?: TaskStats;
}

export function statsOf(task: Task, operationsPerIteration: number): TaskStats {
  const r = task.result;
  if (r.state !== "completed") throw new Error(`benchmark "${task.name}" did not complete (${r.state})`);
  return {
    perSecond: (operationsPerIteration * 1000) / r.latency.mean,
    meanMs: r.latency.mean,
    p99Ms: r.latency.p99,
    rme: r.latency.rme,
    samples: r.latency.samplesCount,
  };
}

export function meets(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  if (f.target.atLeast !== undefined && !(f.value >= f.target.atLeast)) return false;
  if (f.target.atMost !== undefined && !(f.value <= f.target.atMost)) return false;
  return true;
}
