import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cluster } from "../../../src/model/cluster.ts";
import { BUILTIN_INSTANCE_TYPES } from "../../../src/model/instance-types.ts";
import { ClusterView } from "../../../src/placement/cluster-view.ts";
import { createPlacementIndex, indexKeyOf } from "../../../src/placement/index/placement-index.ts";
import { Placer } from "../../../src/placement/placer.ts";
import { presetStrategy } from "../../../src/placement/presets.ts";
import { compileChain } from "../../../src/placement/registry.ts";
import type { PlacementStrategyStep } from "../../../src/placement/step.ts";
import { defineStrategy, type StrategyDefinition } from "../../../src/placement/strategy.ts";
import { TaskGroups } from "../../../src/placement/task-groups.ts";
import { loadScenarioFile } from "../../../src/scenario/load.ts";
import { simulate } from "../../../src/sim/simulate.ts";
import {
  decisionOf,
  driveTwins,
  rareShapeDrive,
  SINGLE_STEP_CHAINS,
  twinOperations,
  twinStart,
} from "./twin-drive.ts";

const CHAINS = SINGLE_STEP_CHAINS;

/** Two placers over twin clusters, one scanning and one indexed, driven by the same operations. */
function twins(
  chain: PlacementStrategyStep[],
  instances: number,
  modules?: ReadonlyMap<string, StrategyDefinition>,
) {
  const make = (indexed: boolean) => {
    const { cluster, groups, shapes, tieBreak, compiled } = twinStart(chain, modules ? { modules } : {});
    const index = indexed ? createPlacementIndex(compiled, { cluster, groups }, shapes, tieBreak) : undefined;
    const placer = new Placer(cluster, compiled, tieBreak, "test", index);
    const types = [BUILTIN_INSTANCE_TYPES.get("m5.large")!, BUILTIN_INSTANCE_TYPES.get("c5.large")!];
    for (let i = 0; i < instances; i++) {
      const t = i % 3 === 0 ? 1 : 0;
      cluster.addInstance(types[t]!, t, "az", {}, 0);
      groups.instanceAdded(i);
    }
    return { cluster, groups, shapes, placer };
  };
  return [make(false), make(true)] as const;
}

/** The index key of a chain, compiled on an empty cluster. */
function keyOf(chain: PlacementStrategyStep[], modules?: ReadonlyMap<string, StrategyDefinition>) {
  const cluster = new Cluster([]);
  const groups = new TaskGroups(cluster);
  return indexKeyOf(
    compileChain(chain, {
      view: new ClusterView(cluster, groups),
      groups,
      seed: 1,
      taskMix: [],
      ...(modules ? { modules } : {}),
    }),
  );
}

describe("PlacementIndex", () => {
  it("covers single-step binpack, spread by instance, first-fit, random and the instance-local heuristics only", () => {
    expect(CHAINS.map((c) => keyOf(c))).toEqual([
      "freeMemory",
      "freeCpu",
      "groupCount",
      "instanceId",
      "constant",
      "shapeScore",
      "shapeScore",
      "shapeScore",
      "shapeScore",
    ]);
    expect(keyOf([{ type: "fragmentation-aware" }])).toBe("shapeScore");
    expect(keyOf([{ type: "spread", field: "host" }])).toBe("groupCount");
    expect(keyOf([{ type: "random" }, { type: "binpack", field: "cpu" }])).toBe("constant");
    expect(keyOf([{ type: "first-fit" }, { type: "spread", field: "instanceId" }])).toBe("instanceId");
    expect(
      keyOf([
        { type: "binpack", field: "memory" },
        { type: "binpack", field: "cpu" },
      ]),
    ).toBeUndefined();
    expect(keyOf([{ type: "spread", field: "attribute:ecs.availability-zone" }])).toBeUndefined();
    expect(keyOf([])).toBeUndefined();
  });

  for (const chain of CHAINS) {
    it(`makes the scan's choices and draws for ${chain[0]!.type}(${chain[0]!.field ?? ""})`, () => {
      sameChoices(chain);
    });
  }

  it('ranks a custom { local: "score" } step per task group, so a score reading its group\'s count is right', () => {
    // Prefers instances holding few tasks of the task's own group, then low ids: the group matters, so one
    // ranking per shape (what "shapeScore" promises) would place the groups' tasks wrongly.
    const own = defineStrategy({
      name: "own-group",
      index: { local: "score" },
      score: (i, t, { cluster }) => cluster.groupTasks(t.groupId, i) * 1000 + i,
    });
    const modules = new Map([["./own-group.ts", own]]);
    const chain = [{ type: "./own-group.ts" }];
    expect(keyOf(chain, modules)).toBe("score");
    sameChoices(chain, modules);
    // The same score declared "shapeScore" (a wrong promise) does disagree with the scan: the test can fail.
    const promisesTooMuch = defineStrategy({
      name: "own-group",
      index: { local: "shapeScore" },
      score: (i, t, { cluster }) => cluster.groupTasks(t.groupId, i) * 1000 + i,
    });
    expect(() => sameChoices(chain, new Map([["./own-group.ts", promisesTooMuch]]))).toThrow();
  });

  /** Property: random placements and releases on twin clusters, the indexed placer choosing like the scan. */
  function sameChoices(
    chain: PlacementStrategyStep[],
    modules?: ReadonlyMap<string, StrategyDefinition>,
  ): void {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), twinOperations, (instances, ops) =>
        driveTwins(...twins(chain, instances, modules), ops),
      ),
      { numRuns: 60 },
    );
  }

  for (const chain of [CHAINS[0]!, CHAINS[2]!, CHAINS[5]!]) {
    it(`a shape asked for rarely catches up, or rebuilds after falling behind, like the scan: ${chain[0]!.type}`, () => {
      const [scan, fast] = twins(chain, 30);
      rareShapeDrive(scan, fast);
    });
  }

  it("works when created after the instances were registered (more than its initial capacity)", () => {
    const cluster = new Cluster([]);
    const groups = new TaskGroups(cluster);
    const type = BUILTIN_INSTANCE_TYPES.get("m5.large")!;
    for (let i = 0; i < 3000; i++) cluster.addInstance(type, 0, "az", {}, 0);
    const shape = cluster.resolveShape(
      {
        family: "a",
        networkMode: "bridge",
        cpu: 2048,
        memory: 1024,
        gpu: 0,
        eni: 0,
        dynamicPorts: 0,
        staticPorts: [],
        containers: [{ name: "a", essential: true }],
      },
      0,
    );
    const chain = compileChain([{ type: "first-fit" }], {
      view: new ClusterView(cluster, groups),
      groups,
      seed: 1,
      taskMix: [],
    });
    const index = createPlacementIndex(chain, { cluster, groups }, [shape], () => 0.5)!;
    for (let i = 0; i < 2999; i++) cluster.reserve(shape, i);
    expect(index.choose(decisionOf(shape, 0))).toBe(2999);
    cluster.reserve(shape, 2999);
    expect(index.choose(decisionOf(shape, 0))).toBe(-1);
    cluster.release(shape, 1500);
    expect(index.choose(decisionOf(shape, 0))).toBe(1500);
  });

  it("gives the same run as the scan for the float-keyed heuristics on a mixed fleet", () => {
    const { scenario } = loadScenarioFile("scenarios/mixed-fleet.yaml");
    for (const name of ["best-fit", "worst-fit", "tetris", "best-fit-l2"]) {
      const strategy = presetStrategy(name)!;
      const indexed = simulate(scenario, strategy, 3, { alwaysIndex: true });
      const scanned = simulate(scenario, strategy, 3, { scanOnly: true });
      expect(indexed.metrics, name).toEqual(scanned.metrics);
      expect(indexed.series, name).toEqual(scanned.series);
    }
  });

  it("gives the same run as the scan on the golden mixed scenario (every strategy, both seeds)", () => {
    const { scenario } = loadScenarioFile("test/golden/scenarios/mixed.yaml");
    for (const strategy of scenario.strategies) {
      for (const seed of [7, 8]) {
        const indexed = simulate(scenario, strategy, seed, { alwaysIndex: true });
        const scanned = simulate(scenario, strategy, seed, { scanOnly: true });
        expect(indexed.metrics).toEqual(scanned.metrics);
        expect(indexed.series).toEqual(scanned.series);
      }
    }
  });
});
