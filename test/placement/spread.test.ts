import { describe, expect, it } from "vitest";
import { addInstances, boxType, clusterFor, simpleTask } from "../helpers/model.ts";
import { Rig } from "../helpers/placement.ts";

const BOX = boxType("box", 8192, 16384);

describe("spread", () => {
  it("on instanceId balances one group across instances", () => {
    const t = simpleTask("t", 256, 256);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 4);
    const rig = new Rig(cluster, [{ type: "spread", field: "instanceId" }]);
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 12; k++) counts[rig.place(placement[0]!)]!++;
    expect(counts).toEqual([3, 3, 3, 3]);
  });

  it("host is an alias of instanceId", () => {
    const t = simpleTask("t", 256, 256);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 3);
    const rig = new Rig(cluster, [{ type: "spread", field: "host" }]);
    rig.put(placement[0]!, 0);
    rig.put(placement[0]!, 2);
    expect(rig.choose(placement[0]!)).toBe(1);
  });

  it("counts only the task's own group", () => {
    const t = simpleTask("t", 256, 256);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 2);
    const rig = new Rig(cluster, [{ type: "spread", field: "instanceId" }]);
    // Instance 0 is crowded with another group; group "web" has one task on instance 1.
    for (let k = 0; k < 5; k++) rig.put(placement[0]!, 0, "other");
    rig.put(placement[0]!, 1, "web");
    expect(rig.choose(placement[0]!, "web")).toBe(0);
    expect(rig.choose(placement[0]!, "other")).toBe(1);
  });

  it("on an attribute balances a group across its values (availability zones)", () => {
    const t = simpleTask("t", 256, 256);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 3, "us-east-1a");
    addInstances(cluster, BOX, 1, "us-east-1b");
    const rig = new Rig(cluster, [{ type: "spread", field: "attribute:ecs.availability-zone" }]);
    const perZone = { a: 0, b: 0 };
    for (let k = 0; k < 10; k++) {
      const i = rig.place(placement[0]!);
      if (i === 3) perZone.b++;
      else perZone.a++;
      expect(Math.abs(perZone.a - perZone.b)).toBeLessThanOrEqual(1);
    }
    expect(perZone).toEqual({ a: 5, b: 5 });
    expect(cluster.runningTasks[3]).toBe(5);
  });

  it("on a custom attribute; instances without it form their own bucket", () => {
    const t = simpleTask("t", 256, 256);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 2, "us-east-1a", { rack: "r1" });
    addInstances(cluster, BOX, 2, "us-east-1a", { rack: "r2" });
    addInstances(cluster, BOX, 2, "us-east-1a");
    const rig = new Rig(cluster, [{ type: "spread", field: "attribute:rack" }]);
    const buckets = [0, 0, 0];
    for (let k = 0; k < 9; k++) buckets[Math.floor(rig.place(placement[0]!) / 2)]!++;
    expect(buckets).toEqual([3, 3, 3]);
  });

  it("tracks instances registered after the strategy was compiled", () => {
    const t = simpleTask("t", 256, 256);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 1, "us-east-1a");
    const rig = new Rig(cluster, [{ type: "spread", field: "attribute:ecs.availability-zone" }]);
    rig.place(placement[0]!);
    rig.place(placement[0]!);
    // 40 more instances (grows the per-instance arrays), one in a new zone.
    const more = addInstances(cluster, BOX, 40, "us-east-1a");
    const [late] = addInstances(cluster, BOX, 1, "us-east-1c");
    for (const i of [...more, late!]) rig.groups.instanceAdded(i);
    expect(rig.choose(placement[0]!)).toBe(late);
  });

  it("rejects a missing or malformed field", () => {
    const { cluster } = clusterFor([]);
    expect(() => new Rig(cluster, [{ type: "spread" }])).toThrow(/spread field must be/);
    expect(() => new Rig(cluster, [{ type: "spread", field: "attribute:" }])).toThrow(/spread field must be/);
    expect(() => new Rig(cluster, [{ type: "spread", field: "zone" }])).toThrow(/spread field must be/);
  });
});
