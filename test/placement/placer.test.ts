import { describe, expect, it } from "vitest";
import { createStream } from "../../src/core/random.ts";
import { compileConstraints, parseConstraint } from "../../src/placement/constraints.ts";
import { Placer } from "../../src/placement/placer.ts";
import { compileChain } from "../../src/placement/registry.ts";
import type { PlacementStrategyStep } from "../../src/placement/step.ts";
import { defineStrategy, StrategyError } from "../../src/placement/strategy.ts";
import { Decision } from "../../src/placement/task-view.ts";
import { instanceType, runTask, shape, testCluster } from "./fixtures.ts";

function placer(env: ReturnType<typeof testCluster>, steps: PlacementStrategyStep[], modules = new Map()) {
  const chain = compileChain(steps, { ...env, seed: 1, taskMix: [], modules });
  return new Placer(env.cluster, chain, createStream(1, "tie-break"), "test-strategy");
}

describe("Placer", () => {
  it("applies resources, then constraints, then the chain", () => {
    const env = testCluster([{ zone: "a" }, { zone: "b" }, { zone: "b" }]);
    const s = shape(env.cluster, { memory: 4000 });
    runTask(env, s, 2, "family:other"); // leaves i-006c45d188009454f with 3985 MiB: too little
    const d = new Decision(s);
    d.constraints = compileConstraints(
      [parseConstraint({ type: "memberOf", expression: "attribute:ecs.availability-zone == b" }, () => {})!],
      0,
      { ...env, epochMs: 0 },
    );
    expect(placer(env, [{ type: "binpack", field: "memory" }]).choose(d)).toBe(1);
  });

  it("names the check that excluded the most instances when nothing fits", () => {
    const env = testCluster([{ zone: "a" }, { zone: "a" }, { zone: "b" }], ["443/tcp"]);
    const web = shape(env.cluster, { staticPorts: ["443/tcp"] });
    runTask(env, web, 2, "family:web");
    const d = new Decision(web);
    d.constraints = compileConstraints(
      [parseConstraint({ type: "memberOf", expression: "attribute:ecs.availability-zone == b" }, () => {})!],
      0,
      { ...env, epochMs: 0 },
    );
    const p = placer(env, [{ type: "random" }]);
    expect(p.choose(d)).toBe(-1);
    // i-006c45d188009454f: port 443 in use; i-0e220a8397b1dcdaf, i-06e789e6aa1b965f4: memberOf.
    expect(p.failureReason).toBe("CONSTRAINT:memberOf");
    d.constraints = null;
    expect(p.choose(d)).toBeGreaterThanOrEqual(0);
    const big = new Decision(shape(env.cluster, { memory: 9000 }));
    expect(p.choose(big)).toBe(-1);
    expect(p.failureReason).toBe("RESOURCE:MEMORY");
  });

  it("breaks ties of one step with the next (spread by zone, then binpack)", () => {
    const env = testCluster([{ zone: "a" }, { zone: "a" }, { zone: "b" }, { zone: "b" }]);
    const s = shape(env.cluster, { memory: 1000 });
    runTask(env, s, 0, "family:web"); // zone a has one web task
    runTask(env, s, 3, "family:other"); // i-0f88bb8a8724c81ec has less free memory
    const d = new Decision(s);
    d.groupId = env.groups.id("family:web");
    const p = placer(env, [
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ]);
    expect(p.choose(d)).toBe(3);
  });

  it("lets filter hooks exclude and counts them as the strategy's reason", () => {
    const env = testCluster([{}, {}, {}]);
    const onlyFirst = defineStrategy({ name: "only-first", filter: (i) => i === 0 });
    const modules = new Map([["./only-first.ts", onlyFirst]]);
    const p = placer(env, [{ type: "./only-first.ts" }, { type: "first-fit" }], modules);
    const d = new Decision(shape(env.cluster));
    expect(p.choose(d)).toBe(0);
    runTask(env, shape(env.cluster, { memory: 7985 }), 0, "x");
    expect(p.choose(d)).toBe(-1);
    expect(p.failureReason).toBe("STRATEGY:only-first");
  });

  it("gives place() every feasible instance and checks what it returns", () => {
    const gpu = instanceType("g4dn.xlarge", 4096, 15000, { gpu: 1 });
    const env = testCluster([{}, { type: gpu }, {}]);
    let offered: readonly number[] = [];
    const last = defineStrategy({
      name: "last",
      place: (_t, candidates) => {
        offered = [...candidates];
        return candidates[candidates.length - 1]!;
      },
    });
    const d = new Decision(shape(env.cluster));
    d.id = 41;
    d.time = 12.5;
    expect(placer(env, [{ type: "./last.ts" }], new Map([["./last.ts", last]])).choose(d)).toBe(2);
    expect(offered).toEqual([0, 1, 2]);

    const liar = defineStrategy({ name: "liar", place: () => 0 });
    const gpuTask = new Decision(shape(env.cluster, { gpu: 1 }));
    gpuTask.id = 41;
    gpuTask.time = 12.5;
    const p = placer(env, [{ type: "./liar.ts" }], new Map([["./liar.ts", liar]]));
    expect(() => p.choose(gpuTask)).toThrow(StrategyError);
    expect(() => p.choose(gpuTask)).toThrow(
      'strategy "test-strategy" liar.place returned i-0e220a8397b1dcdaf, but it does not fit (RESOURCE:GPU) while placing task t-000042 (web) at t=12.5s',
    );
    const unknown = defineStrategy({ name: "unknown", place: () => 17 });
    expect(() => placer(env, [{ type: "./u.ts" }], new Map([["./u.ts", unknown]])).choose(d)).toThrow(
      "unknown.place returned 17, which is no instance id",
    );
  });

  it("reports a strategy that throws or scores NaN, naming strategy, task and time", () => {
    const env = testCluster([{}, {}]);
    const boom = defineStrategy({
      name: "boom",
      score: () => {
        throw new Error("kaboom");
      },
    });
    const nan = defineStrategy({ name: "nan", score: () => Number.NaN });
    const d = new Decision(shape(env.cluster));
    d.id = 0;
    d.time = 3;
    expect(() => placer(env, [{ type: "./b.ts" }], new Map([["./b.ts", boom]])).choose(d)).toThrow(
      'strategy "test-strategy" threw kaboom while placing task t-000001 (web) at t=3s',
    );
    expect(() => placer(env, [{ type: "./n.ts" }], new Map([["./n.ts", nan]])).choose(d)).toThrow(
      "nan.score returned NaN for i-0e220a8397b1dcdaf",
    );
  });
});

describe("Placer read-only task view", () => {
  it("does not let a strategy change the task it is placing", () => {
    const env = testCluster([{}, {}]);
    const sneaky = defineStrategy({
      name: "sneaky",
      score: (i, task) => {
        (task as { memory: number }).memory = 0;
        return i;
      },
    });
    const p = placer(env, [{ type: "./s.ts" }], new Map([["./s.ts", sneaky]]));
    expect(() => p.choose(new Decision(shape(env.cluster)))).toThrow(/threw .*memory/);
  });
});

describe("compileChain", () => {
  const env = { ...testCluster([{}]), seed: 1, taskMix: [] };
  it("rejects more than five steps, unknown types and bad fields, naming the step", () => {
    expect(() => compileChain(Array(6).fill({ type: "first-fit" }), env)).toThrow(
      "a chain holds at most 5 strategies (got 6)",
    );
    expect(() => compileChain([{ type: "random" }, { type: "packing" }], env)).toThrow(
      /^1: unknown strategy type "packing" \(known: binpack, spread, random, first-fit/,
    );
    expect(() => compileChain([{ type: "binpack", field: "disk" }], env)).toThrow(
      '0: binpack field must be "cpu" or "memory" (got "disk")',
    );
    expect(() => compileChain([{ type: "./missing.ts" }], env)).toThrow(
      '0: strategy file "./missing.ts" was not loaded',
    );
  });

  it("stops at random, since later steps could never matter", () => {
    expect(compileChain([{ type: "random" }, { type: "binpack", field: "cpu" }], env).names).toEqual([
      "random",
    ]);
  });
});
