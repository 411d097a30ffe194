import { describe, expect, it } from "vitest";
import { leaveFree, shape, testCluster } from "../fixtures.ts";
import { choose } from "./choose.ts";

describe("first-fit", () => {
  it("takes the lowest-numbered instance the task fits on, whatever the others' free capacity", () => {
    const env = testCluster([{}, {}, {}, {}]);
    leaveFree(env, 0, 100, 100);
    leaveFree(env, 1, 1024, 600);
    const task = shape(env.cluster, { cpu: 512, memory: 512 });
    expect(choose(env, "first-fit", task)).toBe(1);
    leaveFree(env, 1, 0, 0);
    expect(choose(env, "first-fit", task)).toBe(2);
  });
});
