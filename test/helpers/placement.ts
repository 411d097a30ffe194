/** A placement rig: cluster + task groups + compiled chain + placer, driven decision by decision (berth/testing's harness). */
import type { Cluster } from "../../src/model/cluster.ts";
import { ClusterView } from "../../src/placement/cluster-view.ts";
import type { PlacementStrategyStep } from "../../src/placement/step.ts";
import { TaskGroups } from "../../src/placement/task-groups.ts";
import { StrategyHarness } from "../../src/testing/harness.ts";

export class Rig extends StrategyHarness {
  readonly groups: TaskGroups;

  constructor(
    readonly cluster: Cluster,
    chain: PlacementStrategyStep[],
    seed = 1,
  ) {
    const groups = new TaskGroups(cluster);
    for (let i = 0; i < cluster.count; i++) groups.instanceAdded(i);
    super({ cluster, groups, view: new ClusterView(cluster, groups) }, chain, { seed });
    this.groups = groups;
  }
}
