import { describe, expect, it } from "vitest";
import { shape } from "../fixtures.ts";
import { choose, scoreOf } from "./choose.ts";
import { fitCluster } from "./fit-cluster.ts";

describe("best-fit-l2", () => {
  it("best-fit-l2 prefers the balanced leftover that the plain sum ranks second", () => {
    const env = fitCluster(true);
    const task = shape(env.cluster, { cpu: 512, memory: 1024 });
    expect(scoreOf(env, "best-fit-l2", task, 0)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(scoreOf(env, "best-fit-l2", task, 1)).toBeCloseTo(0.875, 12);
    expect(choose(env, "best-fit-l2", task)).toBe(0);
  });
});
