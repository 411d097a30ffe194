import { describe, expect, it } from "vitest";
import { addInstances, boxType, clusterFor, simpleTask } from "../helpers/model.ts";
import { Rig } from "../helpers/placement.ts";

// Three 4096/8192 instances pre-filled so that free cpu and free memory rank them differently:
//   instance 0: free cpu 3072, free memory 2048
//   instance 1: free cpu 1024, free memory 6144
//   instance 2: free cpu 2048, free memory 4096
function setup(field: "cpu" | "memory") {
  const task = simpleTask("task", 512, 1024);
  const fill0 = simpleTask("fill0", 1024, 6144);
  const fill1 = simpleTask("fill1", 3072, 2048);
  const fill2 = simpleTask("fill2", 2048, 4096);
  const { cluster, placement } = clusterFor([task, fill0, fill1, fill2]);
  addInstances(cluster, boxType("box", 4096, 8192), 3);
  const rig = new Rig(cluster, [{ type: "binpack", field }]);
  rig.put(placement[1]!, 0, "filler");
  rig.put(placement[2]!, 1, "filler");
  rig.put(placement[3]!, 2, "filler");
  return { rig, task: placement[0]! };
}

describe("binpack", () => {
  it("on memory picks the instance with the least free memory", () => {
    const { rig, task } = setup("memory");
    expect(rig.choose(task)).toBe(0);
  });

  it("on cpu picks the instance with the least free cpu", () => {
    const { rig, task } = setup("cpu");
    expect(rig.choose(task)).toBe(1);
  });

  it("fills the tightest instance until it is full, then moves to the next tightest", () => {
    const { rig, task } = setup("memory");
    // Instance 0 has 2048 MiB free: two 512/1024 tasks, then instance 2 (4096 free): four, then
    // instance 1 (6144 MiB free but only 1024 cpu): two.
    const picks = Array.from({ length: 8 }, () => rig.place(task));
    expect(picks).toEqual([0, 0, 2, 2, 2, 2, 1, 1]);
    expect(rig.place(task)).toBe(-1);
  });

  it("skips instances the task does not fit, however tight", () => {
    const { rig } = setup("memory");
    const big = rig.cluster.resolveShape(simpleTask("big", 512, 3000), 9);
    expect(rig.choose(big)).toBe(2);
  });

  it("rejects fields other than cpu and memory", () => {
    const { cluster } = clusterFor([]);
    expect(() => new Rig(cluster, [{ type: "binpack", field: "gpu" }])).toThrow(/0: binpack field must be/);
    expect(() => new Rig(cluster, [{ type: "binpack" }])).toThrow(/binpack field/);
  });
});
