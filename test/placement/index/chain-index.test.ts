import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cluster } from "../../../src/model/cluster.ts";
import { BUILTIN_INSTANCE_TYPES } from "../../../src/model/instance-types.ts";
import { ClusterView } from "../../../src/placement/cluster-view.ts";
import { ChainIndex, MAX_CELLS, SCAN } from "../../../src/placement/index/chain-index.ts";
import { createDecisionIndex } from "../../../src/placement/index/create-index.ts";
import { PlacementIndex } from "../../../src/placement/index/placement-index.ts";
import { Placer } from "../../../src/placement/placer.ts";
import { presetStrategy } from "../../../src/placement/presets.ts";
import { compileChain } from "../../../src/placement/registry.ts";
import type { PlacementStrategyStep } from "../../../src/placement/step.ts";
import type { ShapeShare } from "../../../src/placement/strategy.ts";
import { TaskGroups } from "../../../src/placement/task-groups.ts";
import { loadScenarioFile } from "../../../src/scenario/load.ts";
import { simulate } from "../../../src/sim/simulate.ts";
import {
  decisionOf,
  driveTwins,
  rareShapeDrive,
  TWIN_SHAPES,
  twinOperations,
  twinStart,
} from "./twin-drive.ts";

const AZ = { type: "spread", field: "attribute:ecs.availability-zone" };
const RACK = { type: "spread", field: "attribute:rack" };
const CHAINS: PlacementStrategyStep[][] = [
  [AZ, { type: "spread", field: "instanceId" }],
  [AZ, { type: "binpack", field: "memory" }],
  [AZ],
  [RACK, { type: "binpack", field: "cpu" }],
  [AZ, RACK, { type: "spread", field: "host" }],
  [
    { type: "binpack", field: "memory" },
    { type: "spread", field: "instanceId" },
  ],
  [{ type: "binpack", field: "cpu" }, AZ, { type: "best-fit" }],
  [{ type: "fragmentation-aware" }],
  [AZ, { type: "fragmentation-aware" }, { type: "random" }],
  [{ type: "tetris" }, { type: "first-fit" }],
];

const MIX: ShapeShare[] = TWIN_SHAPES.map((s, k) => ({ ...s, weight: [0.5, 0.3, 0.2][k]! }));

interface InstanceSpec {
  type: number;
  zone: number;
  rack: number; // 0: no rack attribute
}

/** Two placers over twin clusters, one scanning and one indexed, driven by the same operations. */
function twins(chain: PlacementStrategyStep[], instances: InstanceSpec[]) {
  const make = (indexed: boolean) => {
    const { cluster, groups, shapes, tieBreak, compiled } = twinStart(chain, { taskMix: MIX });
    const types = [BUILTIN_INSTANCE_TYPES.get("m5.large")!, BUILTIN_INSTANCE_TYPES.get("c5.large")!];
    const add = (spec: InstanceSpec) => {
      const i = cluster.addInstance(
        types[spec.type]!,
        spec.type,
        `az-${spec.zone}`,
        spec.rack > 0 ? { rack: `r${spec.rack}` } : {},
        0,
      );
      groups.instanceAdded(i);
    };
    // Half the instances exist before the index, half register after it (as autoscaling adds them).
    const early = Math.ceil(instances.length / 2);
    instances.slice(0, early).forEach(add);
    const index = indexed ? createDecisionIndex(compiled, { cluster, groups }, shapes, tieBreak) : undefined;
    const placer = new Placer(cluster, compiled, tieBreak, "test", index);
    instances.slice(early).forEach(add);
    return { cluster, groups, shapes, placer, index };
  };
  return [make(false), make(true)] as const;
}

const instanceSpec = fc.record({
  type: fc.integer({ min: 0, max: 1 }),
  zone: fc.integer({ min: 0, max: 2 }),
  rack: fc.integer({ min: 0, max: 2 }),
});

describe("ChainIndex", () => {
  it("reads the steps' declarations: attribute spreads and instance-local steps, up to a final random", () => {
    const compiled = (steps: PlacementStrategyStep[]) => {
      const cluster = new Cluster([]);
      const groups = new TaskGroups(cluster);
      return compileChain(steps, { view: new ClusterView(cluster, groups), groups, seed: 1, taskMix: MIX });
    };
    expect(compiled([AZ, { type: "spread", field: "instanceId" }]).index).toEqual([
      { attribute: "ecs.availability-zone" },
      { local: "groupCount" },
    ]);
    expect(compiled([{ type: "fragmentation-aware" }, { type: "random" }]).index).toEqual([
      { local: "shapeScore" },
      { local: "constant" },
    ]);
  });

  for (const chain of CHAINS) {
    const name = chain.map((s) => `${s.type}(${s.field ?? ""})`).join(" > ");
    it(`makes the scan's choices, draws and failure reasons for ${name}`, () => {
      fc.assert(
        fc.property(
          fc.array(instanceSpec, { minLength: 1, maxLength: 40 }),
          twinOperations,
          (instances, ops) => {
            const [scan, fast] = twins(chain, instances);
            // A single instance-local step (fragmentation-aware alone) goes to the PlacementIndex.
            expect(fast.index).toBeInstanceOf(
              chain.length === 1 && !("field" in chain[0]!) ? PlacementIndex : ChainIndex,
            );
            driveTwins(scan, fast, ops);
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  for (const chain of [CHAINS[0]!, CHAINS[6]!]) {
    it(`a shape asked for rarely catches up, or rebuilds after falling behind, like the scan: ${chain.map((s) => s.type).join(" > ")}`, () => {
      const specs = Array.from({ length: 30 }, (_, k) => ({
        type: k % 3 === 0 ? 1 : 0,
        zone: k % 3,
        rack: k % 4,
      }));
      const [scan, fast] = twins(chain, specs);
      expect(fast.index).toBeInstanceOf(ChainIndex);
      rareShapeDrive(scan, fast);
    });
  }

  it("leaves single-step chains it does not improve on to the PlacementIndex", () => {
    const [, fast] = twins([{ type: "binpack", field: "memory" }], [{ type: 0, zone: 0, rack: 0 }]);
    expect(fast.index).toBeInstanceOf(PlacementIndex);
  });

  it(`hands decisions to the scan beyond ${MAX_CELLS} cells, with the scan's result`, () => {
    const instances = Array.from({ length: MAX_CELLS + 4 }, (_, k) => ({ type: 0, zone: 0, rack: k + 1 }));
    const chain = [RACK, { type: "spread", field: "instanceId" }];
    const [scan, fast] = twins(chain, instances);
    const index = fast.index as ChainIndex;
    expect(index.choose(decisionOf(fast.shapes[0]!, 0))).toBe(SCAN);
    for (let n = 0; n < 30; n++) {
      const a = scan.placer.choose(decisionOf(scan.shapes[n % 3]!, 0));
      expect(fast.placer.choose(decisionOf(fast.shapes[n % 3]!, 0))).toBe(a);
      for (const t of [scan, fast]) {
        t.cluster.reserve(t.shapes[n % 3]!, a);
        t.groups.add(0, a, 1);
      }
    }
  });

  it("spreads the ECS default over zones first: a zone with fewer group tasks wins over emptier instances", () => {
    const [, fast] = twins(CHAINS[0]!, [
      { type: 0, zone: 0, rack: 0 },
      { type: 0, zone: 1, rack: 0 },
      { type: 0, zone: 1, rack: 0 },
    ]);
    const place = () => {
      const i = fast.placer.choose(decisionOf(fast.shapes[0]!, 0));
      fast.cluster.reserve(fast.shapes[0]!, i);
      fast.groups.add(0, i, 1);
      return i;
    };
    const first = [place(), place()].sort();
    // One task per zone first (instance 0 is zone 0's only instance), then zone 0 again after zone 1's second.
    expect(first[0]).toBe(0);
    expect([1, 2]).toContain(first[1]);
    expect(place()).not.toBe(0);
    expect(place()).toBe(0);
  });

  it("gives the same run as the scan for the ECS default and fragmentation-aware on scenarios", () => {
    for (const file of [
      "scenarios/az-outage.yaml",
      "scenarios/mixed-fleet.yaml",
      "scenarios/autoscaling.yaml",
    ]) {
      const { scenario } = loadScenarioFile(file);
      for (const name of ["spread-az", "fragmentation-aware"]) {
        const strategy = presetStrategy(name)!;
        const indexed = simulate(scenario, strategy, 3);
        const scanned = simulate(scenario, strategy, 3, { scanOnly: true });
        expect(indexed.metrics, `${file} ${name}`).toEqual(scanned.metrics);
        expect(indexed.series, `${file} ${name}`).toEqual(scanned.series);
      }
    }
  });
});
