import { describe, expect, it } from "vitest";
import { syntheticCluster } from "../../src/measure/decision-cost.ts";
import { DEFAULT_INSTANCE_TYPE, DEFAULT_SHAPES } from "../../src/measure/default-workload.ts";

describe("syntheticCluster", () => {
  it("fills to the requested occupancy of the binding resource, never beyond any instance", () => {
    const { cluster, reserved } = syntheticCluster({
      instances: 50,
      occupancy: 0.85,
      instanceType: DEFAULT_INSTANCE_TYPE,
      shapes: DEFAULT_SHAPES,
    });
    expect(cluster.count).toBe(50);
    expect(Math.max(reserved.memory, reserved.cpu)).toBeGreaterThanOrEqual(0.85);
    expect(Math.max(reserved.memory, reserved.cpu)).toBeLessThan(0.9);
    let used = 0;
    for (let i = 0; i < cluster.count; i++) {
      expect(cluster.freeMemory[i]).toBeGreaterThanOrEqual(0);
      expect(cluster.freeCpu[i]).toBeGreaterThanOrEqual(0);
      used += cluster.regMemory[i]! - cluster.freeMemory[i]!;
    }
    expect(used / (50 * DEFAULT_INSTANCE_TYPE.memory)).toBeCloseTo(reserved.memory, 10);
  });

  it("is the same cluster for the same seed", () => {
    const spec = {
      instances: 30,
      occupancy: 0.8,
      instanceType: DEFAULT_INSTANCE_TYPE,
      shapes: DEFAULT_SHAPES,
    };
    const a = syntheticCluster(spec).cluster;
    const b = syntheticCluster(spec).cluster;
    expect([...a.freeMemory.subarray(0, 30)]).toEqual([...b.freeMemory.subarray(0, 30)]);
    const c = syntheticCluster({ ...spec, seed: 2 }).cluster;
    expect([...c.freeMemory.subarray(0, 30)]).not.toEqual([...a.freeMemory.subarray(0, 30)]);
  });
});
