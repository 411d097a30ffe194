import { describe, expect, it } from "vitest";
import { compileConstraints, parseConstraint } from "../../src/placement/constraints.ts";
import { explainDecision, formatExplanation } from "../../src/placement/explain.ts";
import { compileChain } from "../../src/placement/registry.ts";
import { Decision } from "../../src/placement/task-view.ts";
import { leaveFree, runTask, shape, testCluster } from "./fixtures.ts";

describe("explainDecision", () => {
  // i-0e220a8397b1dcdaf: port 443 taken; i-06e789e6aa1b965f4, i-006c45d188009454f: 256 / 512 MiB short; i-0f88bb8a8724c81ec: wrong zone; i-01b39896a51a8749b: 100 units short.
  function scenario() {
    const env = testCluster(
      [{ zone: "a" }, { zone: "a" }, { zone: "a" }, { zone: "b" }, { zone: "a" }],
      ["443/tcp"],
    );
    const web = shape(env.cluster, { cpu: 512, memory: 1024, staticPorts: ["443/tcp"] });
    runTask(env, web, 0, "family:web");
    leaveFree(env, 1, 2048, 768);
    leaveFree(env, 2, 2048, 512);
    leaveFree(env, 4, 412, 4096);
    const d = new Decision(web);
    d.id = 6;
    d.time = 60;
    d.group = "family:web";
    d.constraints = compileConstraints(
      [parseConstraint({ type: "memberOf", expression: "attribute:ecs.availability-zone == a" }, () => {})!],
      0,
      { ...env, epochMs: 0 },
    );
    const chain = compileChain([{ type: "binpack", field: "memory" }], { ...env, seed: 1, taskMix: [] });
    return { env, d, chain };
  }

  it("aggregates each instance's first excluding check and finds the nearest miss", () => {
    const { env, d, chain } = scenario();
    const e = explainDecision(env.cluster, chain, d);
    expect(e.feasible).toBe(0);
    expect(e.excluded).toEqual([
      { reason: "insufficient memory", count: 2, examples: ["i-06e789e6aa1b965f4", "i-006c45d188009454f"] },
      { reason: "host port 443/tcp in use", count: 1, examples: ["i-0e220a8397b1dcdaf"] },
      {
        reason: "memberOf attribute:ecs.availability-zone == a",
        count: 1,
        examples: ["i-0f88bb8a8724c81ec"],
      },
      { reason: "insufficient CPU", count: 1, examples: ["i-01b39896a51a8749b"] },
    ]);
    // Shortfalls: i-06e789e6aa1b965f4 256/7985 = 0.032, i-01b39896a51a8749b 100/2048 = 0.049, i-0e220a8397b1dcdaf a whole port: 1.
    expect(e.nearestMiss).toEqual({ instance: "i-06e789e6aa1b965f4", needs: "256 more MiB" });
    expect(formatExplanation(e)).toBe(
      [
        "t-000007 (web, group family:web) at t=60s: did not fit (0 of 5 instances could take it)",
        "     2 instances: insufficient memory (i-06e789e6aa1b965f4, i-006c45d188009454f)",
        "     1 instance:  host port 443/tcp in use (i-0e220a8397b1dcdaf)",
        "     1 instance:  memberOf attribute:ecs.availability-zone == a (i-0f88bb8a8724c81ec)",
        "     1 instance:  insufficient CPU (i-01b39896a51a8749b)",
        "  nearest miss: would fit on i-06e789e6aa1b965f4 with 256 more MiB",
      ].join("\n"),
    );
  });

  it("never proposes an instance that fails a constraint as the nearest miss", () => {
    const { env, d, chain } = scenario();
    leaveFree(env, 3, 0, 0); // i-0f88bb8a8724c81ec (zone b) would need everything
    d.constraints = compileConstraints(
      [parseConstraint({ type: "memberOf", expression: "attribute:ecs.availability-zone == b" }, () => {})!],
      0,
      { ...env, epochMs: 0 },
    );
    const e = explainDecision(env.cluster, chain, d);
    expect(e.nearestMiss).toEqual({
      instance: "i-0f88bb8a8724c81ec",
      needs: "512 more CPU units and 1024 more MiB",
    });
  });

  it("counts the instances that can take a task that fits", () => {
    const { env, chain } = scenario();
    const small = new Decision(shape(env.cluster, { cpu: 64, memory: 64 }));
    const e = explainDecision(env.cluster, chain, small);
    expect(e.feasible).toBe(5);
    expect(e.excluded).toEqual([]);
    expect(e.nearestMiss).toBeUndefined();
  });
});
