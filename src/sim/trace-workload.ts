/**
 * Replays the trace workload sources: one TraceStream per source and run (seeded by the run's seed, so
 * thinning and replication copies are the same for every strategy of a seed), at most one ARRIVAL event
 * pending per source. An ARRIVAL submits every task of the trace at that instant, then schedules the next.
 */
import type { WorkloadSource } from "../scenario/compile-dynamics.ts";
import { shapeKey } from "../trace/trace-row.ts";
import { TraceStream, type TraceTask } from "../trace/trace-stream.ts";
import type { Engine } from "./engine.ts";
import { ARRIVAL } from "./events.ts";

interface Replay {
  stream: TraceStream;
  /** The next task to submit, read ahead. */
  next: TraceTask | undefined;
  /** Group name (the workload's `group` overrides the rows'). */
  group: string | undefined;
  tasksSoFar: number;
}

export class TraceWorkload {
  private readonly replays: (Replay | undefined)[];

  constructor(private readonly engine: Engine) {
    this.replays = engine.scenario.sources.map((spec) => {
      if (!spec.trace) return undefined;
      const stream = new TraceStream(spec.trace.path, {
        ...spec.trace.options,
        seed: engine.seed,
        until: engine.horizon,
      });
      return { stream, next: undefined, group: spec.group === "" ? undefined : spec.group, tasksSoFar: 0 };
    });
  }

  /** Whether source k replays a trace. */
  handles(k: number): boolean {
    return this.replays[k] !== undefined;
  }

  begin(k: number): void {
    const r = this.replays[k]!;
    r.next = r.stream.next();
    if (r.next) this.engine.push(r.next.time, ARRIVAL, k);
  }

  arrive(k: number, now: number): void {
    const r = this.replays[k]!;
    const e = this.engine;
    const spec: WorkloadSource = e.scenario.sources[k]!;
    const shapes = spec.trace!.shapeIndex;
    while (r.next && r.next.time <= now) {
      const row = r.next.row;
      const shape = shapes.get(shapeKey(row));
      if (shape !== undefined) {
        const group = e.groups.id(r.group ?? row.group);
        const id = e.newTask(
          shape,
          k,
          group,
          now,
          spec.trace!.hold ? Number.POSITIVE_INFINITY : row.duration,
        );
        e.tasks.setOrdinal(id, r.tasksSoFar++);
        e.submit(id, now);
      }
      r.next = r.stream.next();
    }
    if (r.next) e.push(r.next.time, ARRIVAL, k);
    else r.stream.close();
  }
}
