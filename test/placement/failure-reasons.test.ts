import { describe, expect, it } from "vitest";
import { InstanceStatus } from "../../src/model/cluster.ts";
import { addInstances, boxType, builtin, clusterFor, simpleTask } from "../helpers/model.ts";
import { Rig } from "../helpers/placement.ts";

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
});
