import { describe, expect, it } from "vitest";
import { shape } from "../fixtures.ts";
import { choose } from "./choose.ts";
import { fitCluster } from "./fit-cluster.ts";

describe("worst-fit", () => {
  it("worst-fit maximizes it", () => {
    const env = fitCluster(true);
    const task = shape(env.cluster, { cpu: 512, memory: 1024 });
    expect(choose(env, "worst-fit", task)).toBe(2);
    expect(choose(fitCluster(false), "worst-fit", task)).toBe(0);
  });
});
