import { describe, expect, it } from "vitest";
import { instanceType, shape, testCluster } from "../fixtures.ts";
import { choose, scoreOf } from "./choose.ts";
import { big, fitCluster } from "./fit-cluster.ts";

describe("best-fit", () => {
  it("best-fit minimizes the summed normalized leftover", () => {
    const env = fitCluster(true);
    const task = shape(env.cluster, { cpu: 512, memory: 1024 });
    expect([0, 1, 2].map((i) => scoreOf(env, "best-fit", task, i))).toEqual([1, 0.875, 1.75]);
    expect(choose(env, "best-fit", task)).toBe(1);
  });
  it("counts GPUs as a dimension only on instances that have them", () => {
    const gpuType = instanceType("g.x", 4096, 8192, { gpu: 2 });
    const env = testCluster([{ type: gpuType }, { type: big }]);
    const task = shape(env.cluster, { cpu: 512, memory: 1024 });
    // GPU instance: 0.875 + 0.875 + 1.0 (both GPUs stay free); plain instance: 0.875 + 0.875.
    expect(scoreOf(env, "best-fit", task, 0)).toBe(2.75);
    expect(scoreOf(env, "best-fit", task, 1)).toBe(1.75);
    expect(choose(env, "best-fit", task)).toBe(1);
  });
});
