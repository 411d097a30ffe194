/**
 * Container failures (failures.containers): when a task is placed, each container with a failure process
 * draws whether its launch fails (startFailureProbability); when it turns RUNNING, its time to failure.
 *
 * - A failing launch holds its reservation for `startFailureAfter` seconds, never reaches RUNNING and stops
 *   with "Task failed to start"; for a service that is what triggers the restart back-off.
 * - An essential container's crash stops the task ("Essential container in task exited"); the earliest
 *   essential crash before the task's own end is the one scheduled (TASK_FAIL).
 * - A non-essential container's crash is recorded (CONTAINER_FAIL) and the task keeps running.
 * This module handles both events (TASK_FAIL: a start failure or an essential crash stops the task).
 *
 * Determinism: draws are keyed by (origin, ordinal, container) with KeyedRandom under the concern
 * "faults/containers": origin is the workload source index, or 2^20 + service index; ordinal is the n-th
 * task of that source, or the n-th launch of that service. The same task (or launch) therefore gets the
 * same fate under every strategy, whatever order the strategies place things in.
 */
import { compileDistribution, type Sampler } from "../core/distributions.ts";
import { KeyedRandom } from "../core/keyed-random.ts";
import { CONTAINER_SLOTS } from "../model/container-slots.ts";
import { StopReason, TaskState } from "../model/task-table.ts";
import type { ContainerFailureSpec } from "../scenario/compile-dynamics.ts";
import { CONTAINER_FAIL, TASK_FAIL } from "./events.ts";
import { type RunContext, schedule } from "./run-context.ts";
import { originOf } from "./task-origin.ts";

interface Compiled {
  spec: ContainerFailureSpec;
  sample: Sampler | undefined;
}

/** What the task faults need of the engine: stopping a task. */
export interface TaskStopper {
  stop(id: number, now: number, reason: StopReason): void;
}

export class ContainerFaults {
  /** Failure processes per shape index. */
  private readonly byShape: Compiled[][];
  private readonly keyed: KeyedRandom;

  constructor(
    private readonly run: RunContext,
    engine: TaskStopper,
  ) {
    run.events.on(TASK_FAIL, (id, now) => {
      const state = run.tasks.state(id);
      if (state === TaskState.Provisioning) {
        run.dyn.taskFailed(true);
        engine.stop(id, now, StopReason.StartFailed);
      } else if (state === TaskState.Running) {
        run.dyn.taskFailed(false);
        engine.stop(id, now, StopReason.ContainerFailed);
      }
    });
    run.events.on(CONTAINER_FAIL, (arg) => {
      if (run.tasks.state(Math.floor(arg / CONTAINER_SLOTS)) === TaskState.Running)
        run.dyn.nonEssentialContainerFailed();
    });
    this.keyed = new KeyedRandom(run.seed, "faults/containers");
    this.byShape = run.shapes.map(() => []);
    for (const spec of run.scenario.dynamics.containerFailures) {
      this.byShape[spec.shape]!.push({
        spec,
        sample: spec.timeToFailure ? compileDistribution(spec.timeToFailure) : undefined,
      });
    }
  }

  /**
   * Called when task `id` was just placed: draws whether its launch fails and, if so, schedules the start
   * failure `startFailureAfter` later (the task stays PROVISIONING and never runs). Returns whether it fails.
   */
  launchFails(id: number, now: number): boolean {
    const tasks = this.run.tasks;
    const processes = this.byShape[tasks.shape(id)]!;
    if (processes.length === 0) return false;
    const origin = originOf(tasks.service(id), tasks.source(id));
    const ordinal = tasks.ordinal(id);
    for (const p of processes) {
      if (p.spec.startFailureProbability > 0) {
        const rng = this.keyed.key(origin, ordinal, p.spec.container);
        if (rng() < p.spec.startFailureProbability) {
          schedule(this.run, now + p.spec.startFailureAfter, TASK_FAIL, id);
          return true;
        }
      }
    }
    return false;
  }

  /** Called when task `id` turned RUNNING: schedules its container crashes (times count from RUNNING). */
  running(id: number, now: number): void {
    const tasks = this.run.tasks;
    const processes = this.byShape[tasks.shape(id)]!;
    if (processes.length === 0) return;
    const origin = originOf(tasks.service(id), tasks.source(id));
    const ordinal = tasks.ordinal(id);
    const end = now + tasks.duration(id);
    let firstEssential = Number.POSITIVE_INFINITY;
    for (const p of processes) {
      if (!p.sample) continue;
      const rng = this.keyed.key(origin, ordinal, p.spec.container);
      rng(); // draw 0 decides the launch; draw 1 is the time to failure
      const at = now + p.sample(rng);
      if (at >= end) continue;
      if (p.spec.essential) firstEssential = Math.min(firstEssential, at);
      else schedule(this.run, at, CONTAINER_FAIL, id * CONTAINER_SLOTS + p.spec.container);
    }
    if (firstEssential < end) schedule(this.run, firstEssential, TASK_FAIL, id);
  }
}
