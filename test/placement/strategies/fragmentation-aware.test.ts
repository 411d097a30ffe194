/**
 * fragmentation-aware on 4096-unit / 8192-MiB instances with a task mix of half "big" (2048 / 2048) and
 * half "small" (512 / 512) tasks, placing a small task:
 *   A free 2304 / 6144: big fits before, not after (1792 left): dF = 0.5 * (1792/4096 + 5632/8192)/2 = 0.28125
 *   B empty:            big fits before and after: dF = 0
 *   C free 1024 / 6144: big fits neither before nor after:
 *                       dF = 0.5 * (512/4096 + 5632/8192)/2 - 0.5 * (1024/4096 + 6144/8192)/2 = -0.046875
 */
import { describe, expect, it } from "vitest";
import { compileChain } from "../../../src/placement/registry.ts";
import type { ShapeShare } from "../../../src/placement/strategy.ts";
import { instanceType, leaveFree, shape, testCluster } from "../fixtures.ts";
import { choose, scoreOf } from "./choose.ts";

const type = instanceType("x.big", 4096, 8192);
const mix: ShapeShare[] = [
  { family: "big", cpu: 2048, memory: 2048, gpu: 0, eni: 0, weight: 0.5 },
  { family: "small", cpu: 512, memory: 512, gpu: 0, eni: 0, weight: 0.5 },
];

describe("fragmentation-aware", () => {
  it("places where the capacity unusable by the task mix grows least", () => {
    const env = testCluster([{ type }, { type }, { type }]);
    leaveFree(env, 0, 2304, 6144);
    leaveFree(env, 2, 1024, 6144);
    const small = shape(env.cluster, { cpu: 512, memory: 512 });
    expect([0, 1, 2].map((i) => scoreOf(env, "fragmentation-aware", small, i, mix))).toEqual([
      0.28125, 0, -0.046875,
    ]);
    expect(choose(env, "fragmentation-aware", small, mix)).toBe(2);
  });

  it("avoids the instance whose last big-task slot the small task would break", () => {
    const env = testCluster([{ type }, { type }]);
    leaveFree(env, 0, 2304, 6144);
    const small = shape(env.cluster, { cpu: 512, memory: 512 });
    expect(choose(env, "fragmentation-aware", small, mix)).toBe(1);
    expect(choose(env, "best-fit", small)).toBe(0);
  });

  it("rejects a field", () => {
    const env = testCluster([{ type }]);
    expect(() =>
      compileChain([{ type: "fragmentation-aware", field: "cpu" }], { ...env, seed: 1, taskMix: mix }),
    ).toThrow('0: fragmentation-aware takes no field (got "cpu")');
  });
});
