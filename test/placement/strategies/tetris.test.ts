import { describe, expect, it } from "vitest";
import { leaveFree, shape, testCluster } from "../fixtures.ts";
import { choose, scoreOf } from "./choose.ts";
import { big, fitCluster } from "./fit-cluster.ts";

describe("tetris", () => {
  it("tetris maximizes the dot product of normalized demand and free capacity", () => {
    const env = fitCluster(true);
    const task = shape(env.cluster, { cpu: 512, memory: 1024 });
    expect([0, 1, 2].map((i) => -scoreOf(env, "tetris", task, i))).toEqual([0.15625, 0.140625, 0.25]);
    expect(choose(env, "tetris", task)).toBe(2);
    expect(choose(fitCluster(false), "tetris", task)).toBe(0);
  });
  it("tetris follows the shape of the demand: a memory-heavy task goes where memory is free", () => {
    const env = testCluster([{ type: big }, { type: big }]);
    leaveFree(env, 0, 4096, 4096); // free (1.0, 0.5): 0.0625*1 + 0.5*0.5 = 0.3125
    leaveFree(env, 1, 1024, 8192); // free (0.25, 1.0): 0.0625*0.25 + 0.5*1 = 0.515625
    const task = shape(env.cluster, { cpu: 256, memory: 4096 });
    expect(choose(env, "tetris", task)).toBe(1);
    expect(choose(env, "worst-fit", task)).toBe(0);
  });
});
