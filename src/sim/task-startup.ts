/**
 * Startup times (docs/dynamics.md "Task startup"): how long a placed task stays PROVISIONING (image pull,
 * container start, ENI attach) before it turns RUNNING.
 *
 * Determinism: the draw is keyed by (origin, ordinal) with KeyedRandom under the concern "startup", with
 * the same origin and ordinal as container faults (source index or 2^20 + service index; n-th task of the
 * source or n-th launch of the service), so the same task gets the same startup time under every strategy.
 */
import { compileDistribution, type DistributionSpec, type Sampler } from "../core/distributions.ts";
import { KeyedRandom } from "../core/keyed-random.ts";
import type { TaskTable } from "../model/task-table.ts";
import { originOf } from "./task-origin.ts";

export class TaskStartup {
  /** Sampler per shape index, or null where the task definition has no startup time. */
  private readonly samplers: (Sampler | null)[];
  private readonly keyed: KeyedRandom;

  constructor(specs: readonly (DistributionSpec | null)[], seed: number) {
    this.samplers = specs.map((d) => (d ? compileDistribution(d) : null));
    this.keyed = new KeyedRandom(seed, "startup");
  }

  /** Seconds from placement to RUNNING for task `id` (0 without a startup time). */
  delay(tasks: TaskTable, id: number): number {
    const sample = this.samplers[tasks.shape(id)];
    if (!sample) return 0;
    const origin = originOf(tasks.service(id), tasks.source(id));
    return Math.max(0, sample(this.keyed.key(origin, tasks.ordinal(id), 0)));
  }
}
