/**
 * Where two strategies' runs of the same scenario and seed part ways. Both see the same tasks at the same
 * times (common random numbers), so task ids line up and placements can be compared task by task:
 * a task is "placed differently" when it started on a different instance or at a different time.
 */

import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import type { LogEntry } from "./event-log.ts";
import type { RunBudget } from "./run-budget.ts";
import { type RunOptions, simulate } from "./simulate.ts";

export interface Placement {
  task: string;
  family: string;
  submittedAt: number;
  /** Instance of the first RUNNING, or "" when it never ran (still pending, or placement failed). */
  instance: string;
  startedAt: number;
}

export interface Trace {
  placements: Map<string, Placement>;
  /** Step functions after each event: times, instances in use, pending tasks. */
  times: number[];
  inUse: number[];
  pending: number[];
}

export function traceRun(
  scenario: CompiledScenario,
  strategy: StrategySpec,
  seed: number,
  budget?: RunBudget,
): Trace {
  const trace: Trace = { placements: new Map(), times: [], inUse: [], pending: [] };
  const options: RunOptions = {
    ...(budget ? { budget } : {}),
    log: {
      write(_s, _seed, e: LogEntry) {
        if (e.task === undefined) return;
        const p = trace.placements.get(e.task);
        if (e.state === "PENDING" && !p)
          trace.placements.set(e.task, {
            task: e.task,
            family: e.family ?? "",
            submittedAt: e.time,
            instance: "",
            startedAt: Number.NaN,
          });
        else if (e.state === "RUNNING" && p && p.instance === "") {
          p.instance = e.instance ?? "";
          p.startedAt = e.time;
        }
      },
    },
    probe: {
      afterEvent(time, pending, inUse) {
        const n = trace.times.length;
        if (n > 0 && trace.times[n - 1] === time) {
          trace.inUse[n - 1] = inUse;
          trace.pending[n - 1] = pending;
        } else {
          trace.times.push(time);
          trace.inUse.push(inUse);
          trace.pending.push(pending);
        }
      },
    },
  };
  simulate(scenario, strategy, seed, options);
  return trace;
}

export interface Difference {
  task: string;
  family: string;
  submittedAt: number;
  a: Placement;
  b: Placement;
}

/** Tasks placed differently, in submission order. */
export function differences(a: Trace, b: Trace): Difference[] {
  const out: Difference[] = [];
  for (const [task, pa] of a.placements) {
    const pb = b.placements.get(task);
    if (!pb) continue;
    const sameTime =
      pa.startedAt === pb.startedAt || (Number.isNaN(pa.startedAt) && Number.isNaN(pb.startedAt));
    if (pa.instance !== pb.instance || !sameTime)
      out.push({ task, family: pa.family, submittedAt: pa.submittedAt, a: pa, b: pb });
  }
  return out;
}

/** Value of a step function (recorded after each event) at time t; 0 before the first event. */
export function valueAt(times: number[], values: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : values[lo - 1]!;
}

export interface DivergencePoint {
  time: number;
  inUseA: number;
  inUseB: number;
  pendingA: number;
  pendingB: number;
  /** Tasks submitted up to this time that were placed differently. */
  differentSoFar: number;
}

export function divergenceCurve(
  a: Trace,
  b: Trace,
  diffs: Difference[],
  horizon: number,
  points: number,
): DivergencePoint[] {
  const out: DivergencePoint[] = [];
  let d = 0;
  for (let k = 1; k <= points; k++) {
    const t = (horizon * k) / points;
    while (d < diffs.length && diffs[d]!.submittedAt <= t) d++;
    out.push({
      time: t,
      inUseA: valueAt(a.times, a.inUse, t),
      inUseB: valueAt(b.times, b.inUse, t),
      pendingA: valueAt(a.times, a.pending, t),
      pendingB: valueAt(b.times, b.pending, t),
      differentSoFar: d,
    });
  }
  return out;
}
