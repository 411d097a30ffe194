import { describe, expect, it } from "vitest";
import { createStream } from "../../src/core/random.ts";
import { type Cluster, InstanceStatus, type PlacementShape } from "../../src/model/cluster.ts";
import { ClusterView } from "../../src/placement/cluster-view.ts";
import { createDecisionIndex } from "../../src/placement/index/create-index.ts";
import { Placer } from "../../src/placement/placer.ts";
import { compileChain } from "../../src/placement/registry.ts";
import { TaskGroups } from "../../src/placement/task-groups.ts";
import { Decision } from "../../src/placement/task-view.ts";
import { addInstances, boxType, builtin, clusterFor, simpleTask } from "../helpers/model.ts";
import { Rig } from "../helpers/placement.ts";

/** A placer answered by the placement index (binpack by memory), as the simulator builds it. */
function indexedPlacer(cluster: Cluster, shapes: PlacementShape[]): Placer {
  const groups = new TaskGroups(cluster);
  groups.id("g");
  const chain = compileChain([{ type: "binpack", field: "memory" }], {
    view: new ClusterView(cluster, groups),
    groups,
    seed: 1,
    taskMix: [],
  });
  const tieBreak = createStream(1, "tie-break");
  const index = createDecisionIndex(chain, { cluster, groups }, shapes, tieBreak);
  expect(index).toBeDefined();
  return new Placer(cluster, chain, tieBreak, "binpack-memory", index);
}

describe("placement failures name the reason that excluded the most instances", () => {
  it("RESOURCE:MEMORY when most instances lack memory", () => {
    const t = simpleTask("t", 1024, 4096);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, boxType("lowmem", 4096, 2048), 3);
    addInstances(cluster, boxType("lowcpu", 512, 8192), 1);
    const rig = new Rig(cluster, [{ type: "binpack", field: "memory" }]);
    expect(rig.choose(placement[0]!)).toBe(-1);
    expect(rig.placer.failureReason).toBe("RESOURCE:MEMORY");
  });

  it("RESOURCE:CPU when most instances lack cpu", () => {
    const t = simpleTask("t", 1024, 4096);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, boxType("lowmem", 4096, 2048), 1);
    addInstances(cluster, boxType("lowcpu", 512, 8192), 2);
    const rig = new Rig(cluster, [{ type: "random" }]);
    expect(rig.choose(placement[0]!)).toBe(-1);
    expect(rig.placer.failureReason).toBe("RESOURCE:CPU");
  });

  it("RESOURCE:PORTS when the static host port is taken everywhere", () => {
    const web = simpleTask("web", 256, 256, { hostPorts: [443] });
    const { cluster, placement } = clusterFor([web]);
    addInstances(cluster, builtin("m5.large"), 3);
    const rig = new Rig(cluster, [{ type: "spread", field: "instanceId" }]);
    expect([rig.place(placement[0]!), rig.place(placement[0]!), rig.place(placement[0]!)].sort()).toEqual([
      0, 1, 2,
    ]);
    expect(rig.place(placement[0]!)).toBe(-1);
    expect(rig.placer.failureReason).toBe("RESOURCE:PORTS");
  });

  it("RESOURCE:ENI when awsvpc tasks used up the ENIs", () => {
    const { cluster, placement } = clusterFor([simpleTask("vpc", 1, 1, { networkMode: "awsvpc" })]);
    addInstances(cluster, builtin("c5.large"), 2);
    const rig = new Rig(cluster, [{ type: "random" }]);
    for (let k = 0; k < 4; k++) expect(rig.place(placement[0]!)).toBeGreaterThanOrEqual(0);
    expect(rig.place(placement[0]!)).toBe(-1);
    expect(rig.placer.failureReason).toBe("RESOURCE:ENI");
  });

  it("RESOURCE:GPU when no instance has a free GPU", () => {
    const { cluster, placement } = clusterFor([simpleTask("ml", 256, 256, { gpu: 1 })]);
    addInstances(cluster, builtin("m5.large"), 2);
    const rig = new Rig(cluster, [{ type: "random" }]);
    expect(rig.choose(placement[0]!)).toBe(-1);
    expect(rig.placer.failureReason).toBe("RESOURCE:GPU");
  });

  it("a tie in counts goes to the earlier check (cpu before memory)", () => {
    const t = simpleTask("t", 1024, 4096);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, boxType("lowmem", 4096, 2048), 2);
    addInstances(cluster, boxType("lowcpu", 512, 8192), 2);
    const rig = new Rig(cluster, [{ type: "random" }]);
    expect(rig.choose(placement[0]!)).toBe(-1);
    expect(rig.placer.failureReason).toBe("RESOURCE:CPU");
  });

  it("NO_ACTIVE_INSTANCES when there is nothing active to judge", () => {
    const t = simpleTask("t", 1, 1);
    const { cluster, placement } = clusterFor([t]);
    const empty = new Rig(cluster, [{ type: "random" }]);
    expect(empty.choose(placement[0]!)).toBe(-1);
    expect(empty.placer.failureReason).toBe("NO_ACTIVE_INSTANCES");
    addInstances(cluster, builtin("m5.large"), 2);
    cluster.status[0] = InstanceStatus.Draining;
    cluster.status[1] = InstanceStatus.Draining;
    const rig = new Rig(cluster, [{ type: "random" }]);
    expect(rig.choose(placement[0]!)).toBe(-1);
    expect(rig.placer.failureReason).toBe("NO_ACTIVE_INSTANCES");
    cluster.status[1] = InstanceStatus.Active;
    expect(rig.choose(placement[0]!)).toBe(1);
  });

  it("a draining instance is never chosen, however attractive", () => {
    const t = simpleTask("t", 256, 256);
    const filler = simpleTask("f", 256, 7000);
    const { cluster, placement } = clusterFor([t, filler]);
    addInstances(cluster, builtin("m5.large"), 2);
    const rig = new Rig(cluster, [{ type: "binpack", field: "memory" }]);
    rig.put(placement[1]!, 0, "filler");
    expect(rig.choose(placement[0]!)).toBe(0);
    cluster.status[0] = InstanceStatus.Draining;
    expect(rig.choose(placement[0]!)).toBe(1);
  });

  it("restricts the scan to the candidates it is given", () => {
    const t = simpleTask("t", 256, 256);
    const filler = simpleTask("f", 256, 7000);
    const { cluster, placement } = clusterFor([t, filler]);
    addInstances(cluster, builtin("m5.large"), 4);
    const rig = new Rig(cluster, [{ type: "binpack", field: "memory" }]);
    rig.put(placement[1]!, 0, "filler");
    const decision = rig.decision(placement[0]!);
    expect(rig.placer.choose(decision)).toBe(0);
    expect(rig.placer.choose(decision, Int32Array.from([3, 2, 0]), 2)).toBeGreaterThanOrEqual(2);
    expect(rig.placer.choose(decision, Int32Array.from([3, 2, 0]), 3)).toBe(0);
  });

  it("an indexed failure's reason is counted again once an instance changed, and kept while none did", () => {
    const t = simpleTask("t", 1024, 4096);
    const other = simpleTask("o", 1024, 1024);
    const { cluster, placement } = clusterFor([t, other]);
    addInstances(cluster, boxType("lowcpu", 512, 8192), 2);
    addInstances(cluster, boxType("lowmem", 4096, 2048), 1);
    const placer = indexedPlacer(cluster, placement);
    const decision = (shape: PlacementShape) => {
      const d = new Decision(shape);
      d.groupId = 0;
      d.group = "g";
      return d;
    };
    expect(placer.choose(decision(placement[0]!))).toBe(-1);
    expect(placer.failureReason).toBe("RESOURCE:CPU");
    // Nothing changed: the same reason (counted or kept, it must be the same).
    expect(placer.choose(decision(placement[0]!))).toBe(-1);
    expect(placer.failureReason).toBe("RESOURCE:CPU");
    // Two more instances short of memory: memory now excludes the most, and the reason must say so.
    addInstances(cluster, boxType("lowmem", 4096, 2048), 2);
    expect(placer.choose(decision(placement[0]!))).toBe(-1);
    expect(placer.failureReason).toBe("RESOURCE:MEMORY");
    // Draining two of the instances short of memory makes cpu the most common reason again.
    cluster.setStatus(2, InstanceStatus.Draining);
    cluster.setStatus(3, InstanceStatus.Draining);
    expect(placer.choose(decision(placement[0]!))).toBe(-1);
    expect(placer.failureReason).toBe("RESOURCE:CPU");
  });

  it("a reservation between two failed indexed decisions counts the reason again", () => {
    const t = simpleTask("t", 1024, 4096);
    const memoryHog = simpleTask("m", 0, 6000);
    const cpuHog = simpleTask("c", 3500, 100);
    const { cluster, placement } = clusterFor([t, memoryHog, cpuHog]);
    addInstances(cluster, boxType("lowcpu", 512, 8192), 1);
    addInstances(cluster, boxType("lowmem", 4096, 2048), 1);
    const [x] = addInstances(cluster, boxType("x", 4096, 8192), 1);
    const placer = indexedPlacer(cluster, placement);
    const d = new Decision(placement[0]!);
    d.groupId = 0;
    d.group = "g";
    cluster.reserve(placement[1]!, x!);
    expect(placer.choose(d)).toBe(-1);
    expect(placer.failureReason).toBe("RESOURCE:MEMORY"); // x and lowmem lack memory, lowcpu cpu
    cluster.reserve(placement[2]!, x!); // x now lacks cpu too, and cpu is checked first
    expect(placer.choose(d)).toBe(-1);
    expect(placer.failureReason).toBe("RESOURCE:CPU");
  });
});
