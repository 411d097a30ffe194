/** A placement rig: cluster + task groups + compiled chain + placer, driven decision by decision. */
import { createStream } from "../../src/core/random.ts";
import type { Cluster, PlacementShape } from "../../src/model/cluster.ts";
import { ClusterView } from "../../src/placement/cluster-view.ts";
import { Placer } from "../../src/placement/decide.ts";
import { compileChain } from "../../src/placement/registry.ts";
import type { PlacementStrategyStep } from "../../src/placement/step.ts";
import { TaskGroups } from "../../src/placement/task-groups.ts";
import { Decision } from "../../src/placement/task-view.ts";

export class Rig {
  readonly groups: TaskGroups;
  readonly placer: Placer;

  constructor(
    readonly cluster: Cluster,
    chain: PlacementStrategyStep[],
    seed = 1,
  ) {
    this.groups = new TaskGroups(cluster);
    for (let i = 0; i < cluster.count; i++) this.groups.instanceAdded(i);
    this.placer = new Placer(
      cluster,
      compileChain(chain, {
        view: new ClusterView(cluster, this.groups),
        groups: this.groups,
        seed,
        taskMix: [],
      }),
      createStream(seed, "tie-break"),
    );
  }

  /** The instance the chain picks for one task of `group` (-1 when none fits); nothing is reserved. */
  choose(shape: PlacementShape, group = "g"): number {
    return this.placer.choose(this.decision(shape, group));
  }

  /** A decision for one task of `group`, as the simulator prepares it. */
  decision(shape: PlacementShape, group = "g"): Decision {
    const d = new Decision(shape);
    d.groupId = this.groups.id(group);
    d.group = group;
    return d;
  }

  /** Chooses and, if an instance was found, reserves the task there. */
  place(shape: PlacementShape, group = "g"): number {
    const i = this.choose(shape, group);
    if (i >= 0) this.put(shape, i, group);
    return i;
  }

  /** Reserves a task on a given instance (setting up a starting state). */
  put(shape: PlacementShape, i: number, group = "g"): void {
    this.cluster.reserve(shape, i);
    this.groups.add(this.groups.id(group), i, 1);
  }
}
