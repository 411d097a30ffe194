import { describe, expect, it } from "vitest";
import { ClusterView } from "../../src/placement/cluster-view.ts";
import { ChainError, compileChain, MAX_CHAIN_LENGTH } from "../../src/placement/registry.ts";
import { defineStrategy } from "../../src/placement/strategy.ts";
import { TaskGroups } from "../../src/placement/task-groups.ts";
import { addInstances, boxType, clusterFor, simpleTask } from "../helpers/model.ts";
import { Rig } from "../helpers/placement.ts";

const BOX = boxType("box", 4096, 8192);

describe("strategy chains", () => {
  it("spread on zone, then binpack on memory: the tightest instance of the emptiest zone", () => {
    const t = simpleTask("t", 256, 512);
    const fillSmall = simpleTask("fs", 256, 1024);
    const fillBig = simpleTask("fb", 256, 6144);
    const { cluster, placement } = clusterFor([t, fillSmall, fillBig]);
    addInstances(cluster, BOX, 2, "a"); // 0, 1
    addInstances(cluster, BOX, 2, "b"); // 2, 3
    const rig = new Rig(cluster, [
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ]);
    rig.put(placement[2]!, 0, "filler"); // tightest instance overall (2048 free), zone a
    rig.put(placement[1]!, 3, "filler"); // tighter of zone b (7168 free)
    // No task of the group anywhere: zones tie, binpack picks the tightest instance overall.
    expect(rig.choose(placement[0]!)).toBe(0);
    rig.put(placement[0]!, 0);
    // Zone a has one task of the group: zone b wins, and inside it the tighter instance 3,
    // although instance 0 is still far tighter.
    expect(rig.choose(placement[0]!)).toBe(3);
    rig.put(placement[0]!, 3);
    // Zones tied again: binpack decides, instance 0.
    expect(rig.choose(placement[0]!)).toBe(0);
    // Tasks of other groups do not count toward this group's spread.
    expect(rig.choose(placement[0]!, "fresh")).toBe(0);
  });

  it("binpack on memory, then spread on instanceId: spread only breaks binpack's ties", () => {
    const t = simpleTask("t", 256, 1024);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 3);
    const rig = new Rig(cluster, [
      { type: "binpack", field: "memory" },
      { type: "spread", field: "instanceId" },
    ]);
    // Tasks of another group make instances 1 and 2 tie on free memory (both tighter than 0).
    rig.put(placement[0]!, 1, "other");
    rig.put(placement[0]!, 2, "other");
    const seen = new Set(Array.from({ length: 200 }, () => rig.choose(placement[0]!)));
    expect(seen).toEqual(new Set([1, 2]));
    // A zero-size task of group g on instance 1 leaves memory unchanged; spread now breaks the tie: 2.
    const zero = cluster.resolveShape(simpleTask("zero", 0, 0), 7);
    rig.put(zero, 1);
    for (let k = 0; k < 200; k++) expect(rig.choose(placement[0]!)).toBe(2);
  });

  it("a later step never overrides an earlier strict preference", () => {
    const t = simpleTask("t", 256, 256);
    const { cluster, placement } = clusterFor([t]);
    addInstances(cluster, BOX, 2);
    const rig = new Rig(cluster, [
      { type: "spread", field: "instanceId" },
      { type: "binpack", field: "memory" },
    ]);
    // Instance 0 is much tighter (binpack would love it) but already holds one task of the group.
    const filler = cluster.resolveShape(simpleTask("big", 256, 7000), 5);
    rig.put(filler, 0, "filler");
    rig.put(placement[0]!, 0);
    expect(rig.choose(placement[0]!)).toBe(1);
  });

  it("stops at a random step: later steps are not compiled", () => {
    const { cluster } = clusterFor([]);
    const groups = new TaskGroups(cluster);
    const env = { view: new ClusterView(cluster, groups), groups, seed: 1, taskMix: [] };
    expect(compileChain([{ type: "random" }, { type: "binpack", field: "memory" }], env).names).toEqual([
      "random",
    ]);
    expect(
      compileChain(
        [{ type: "binpack", field: "cpu" }, { type: "random" }, { type: "spread", field: "host" }],
        env,
      ).names,
    ).toEqual(["binpack", "random"]);
  });

  it("validates chain length, step types and fields with the step index", () => {
    const { cluster } = clusterFor([]);
    const groups = new TaskGroups(cluster);
    const env = { view: new ClusterView(cluster, groups), groups, seed: 1, taskMix: [] };
    const six = Array.from({ length: MAX_CHAIN_LENGTH + 1 }, () => ({ type: "spread", field: "host" }));
    expect(() => compileChain(six, env)).toThrow(/at most 5/);
    expect(() => compileChain([{ type: "random" }, { type: "pack" }], env)).toThrow(
      /^1: unknown strategy type "pack"/,
    );
    expect(() => compileChain([{ type: "random", field: "x" }], env)).toThrow(/^0: random takes no field/);
  });

  it("throws a ChainError carrying the step at fault and the message without it", () => {
    const { cluster } = clusterFor([]);
    const groups = new TaskGroups(cluster);
    const env = { view: new ClusterView(cluster, groups), groups, seed: 1, taskMix: [] };
    const caught = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const bad = caught(() => compileChain([{ type: "random" }, { type: "binpack", field: "disk" }], env));
    expect(bad).toBeInstanceOf(ChainError);
    expect((bad as ChainError).step).toBe(1);
    expect((bad as ChainError).detail).toMatch(/^binpack field must be "cpu" or "memory"/);
    const long = caught(() => compileChain(Array(6).fill({ type: "random" }), env)) as ChainError;
    expect(long.step).toBeUndefined();
    expect(long.message).toBe(long.detail);
  });

  it("collects the index declarations of the steps that can matter, or none when one cannot be indexed", () => {
    const { cluster } = clusterFor([]);
    const groups = new TaskGroups(cluster);
    const filterOnly = defineStrategy({ name: "odd", filter: (i) => i % 2 === 1 });
    const declared = defineStrategy({ name: "mine", index: { local: "score" }, score: (i) => -i });
    const undeclared = defineStrategy({ name: "plain", score: (i) => -i });
    const modules = new Map([
      ["./odd.ts", filterOnly],
      ["./mine.ts", declared],
      ["./plain.ts", undeclared],
    ]);
    const env = { view: new ClusterView(cluster, groups), groups, seed: 1, taskMix: [], modules };
    const index = (...steps: { type: string; field?: string }[]) => compileChain(steps, env).index;
    expect(index({ type: "spread", field: "attribute:zone" }, { type: "binpack", field: "cpu" })).toEqual([
      { attribute: "zone" },
      { local: "freeCpu" },
    ]);
    expect(index({ type: "random" }, { type: "./plain.ts" })).toEqual([{ local: "constant" }]);
    expect(index({ type: "first-fit" }, { type: "./plain.ts" })).toEqual([{ local: "instanceId" }]);
    expect(index({ type: "./mine.ts" })).toEqual([{ local: "score" }]);
    expect(index({ type: "binpack", field: "cpu" }, { type: "./plain.ts" })).toBeNull();
    expect(index({ type: "fragmentation-aware" })).toEqual([{ local: "shapeScore" }]);
    expect(index({ type: "./plain.ts" })).toBeNull();
    // A filter anywhere excludes instances the index would not know about.
    expect(index({ type: "first-fit" }, { type: "./odd.ts" })).toBeNull();
  });
});
