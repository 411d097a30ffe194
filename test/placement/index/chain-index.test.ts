import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Cluster, InstanceStatus } from "../../../src/model/cluster.ts";
import { BUILTIN_INSTANCE_TYPES } from "../../../src/model/instance-types.ts";
import { ClusterView } from "../../../src/placement/cluster-view.ts";
import { ChainIndex, MAX_CELLS, SCAN } from "../../../src/placement/index/chain-index.ts";
import { MAX_BUCKETS } from "../../../src/placement/index/count-buckets.ts";
import { createDecisionIndex } from "../../../src/placement/index/create-index.ts";
import { PlacementIndex } from "../../../src/placement/index/placement-index.ts";
import { Placer } from "../../../src/placement/placer.ts";
import { presetStrategy } from "../../../src/placement/presets.ts";
import { compileChain } from "../../../src/placement/registry.ts";
import type { PlacementStrategyStep } from "../../../src/placement/step.ts";
import { defineStrategy, type ShapeShare, type StrategyDefinition } from "../../../src/placement/strategy.ts";
import { TaskGroups } from "../../../src/placement/task-groups.ts";
import { loadScenarioFile } from "../../../src/scenario/load.ts";
import { simulate } from "../../../src/sim/simulate.ts";
import {
  decisionOf,
  driveTwins,
  placeOnBoth,
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
function twins(
  chain: PlacementStrategyStep[],
  instances: InstanceSpec[],
  modules?: ReadonlyMap<string, StrategyDefinition>,
) {
  const make = (indexed: boolean) => {
    const { cluster, groups, shapes, tieBreak, compiled } = twinStart(chain, {
      taskMix: MIX,
      ...(modules ? { modules } : {}),
    });
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
    return { cluster, groups, shapes, placer, index, add };
  };
  return [make(false), make(true)] as const;
}

type TwinPair = ReturnType<typeof twins>;

/**
 * Adversarial operations for the count-bucket path (count-buckets.ts), beyond driveTwins' placements and
 * releases: instances draining, leaving and coming back, instances registering in new zones (cells appear)
 * or without the attribute, group counts piled onto one instance (task moves, other services' tasks), so
 * the minimum count of a zone drops, rises and jumps. [kind, a, b]:
 *   0-3 place a task of shape a % 3, group b % 3     4 stop a running task
 *   5 instance a drains (or goes)                     6 instance a becomes active again
 *   7 an instance registers in zone a % 5, rack b % 3 8 instance a gets (b % 6) + 1 more tasks of group b % 3
 */
const adversarialOps = fc.array(fc.tuple(fc.nat(8), fc.nat(), fc.nat()), { minLength: 1, maxLength: 200 });

function driveAdversarial([scan, fast]: TwinPair, ops: [number, number, number][]): void {
  const running: [number, number, number][] = [];
  const piled: [number, number][] = [];
  for (const [kind, a, b] of ops) {
    const n = scan.cluster.count;
    if (kind <= 3) {
      placeOnBoth(scan, fast, a % 3, b % 3, running);
    } else if (kind === 4 && (running.length > 0 || piled.length > 0)) {
      if (running.length > 0) {
        const [s, g, i] = running.splice(a % running.length, 1)[0]!;
        for (const t of [scan, fast]) {
          t.cluster.release(t.shapes[s]!, i);
          t.groups.add(g, i, -1);
        }
      } else {
        const [g, i] = piled.splice(a % piled.length, 1)[0]!;
        for (const t of [scan, fast]) t.groups.add(g, i, -1);
      }
    } else if (kind === 5 && n > 0) {
      const status = b % 2 === 0 ? InstanceStatus.Draining : InstanceStatus.Gone;
      for (const t of [scan, fast]) t.cluster.setStatus(a % n, status);
    } else if (kind === 6 && n > 0) {
      for (const t of [scan, fast]) t.cluster.setStatus(a % n, InstanceStatus.Active);
    } else if (kind === 7) {
      for (const t of [scan, fast]) t.add({ type: b % 2, zone: a % 5, rack: b % 3 });
    } else if (kind === 8 && n > 0) {
      const g = b % 3;
      for (let k = 0; k <= b % 6; k++) {
        for (const t of [scan, fast]) t.groups.add(g, a % n, 1);
        piled.push([g, a % n]);
      }
    }
  }
}

/** A strategy-file step that promises a group count but scores otherwise: the buckets hand over to trees. */
function countLike(score: (count: number, i: number) => number): Map<string, StrategyDefinition> {
  const step = defineStrategy({
    name: "count-like",
    index: { local: "groupCount" },
    score: (i, t, { cluster }) => score(cluster.groupTasks(t.groupId, i), i),
  });
  return new Map([["./count-like.ts", step]]);
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

  const BUCKETED: PlacementStrategyStep[][] = [
    [AZ, { type: "spread", field: "instanceId" }],
    [AZ],
    [AZ, RACK, { type: "spread", field: "host" }],
    [RACK, { type: "spread", field: "instanceId" }],
  ];
  for (const chain of BUCKETED) {
    const name = chain.map((s) => `${s.type}(${s.field ?? ""})`).join(" > ");
    it(`answers ${name} from count buckets with the scan's choices under drains, new zones and piled counts`, () => {
      fc.assert(
        fc.property(
          fc.array(instanceSpec, { minLength: 0, maxLength: 30 }),
          adversarialOps,
          (instances, ops) => {
            const pair = twins(chain, instances);
            driveAdversarial(pair, ops);
            const index = pair[1].index as ChainIndex;
            // Every entry asked for stayed on buckets (counts here stay far below MAX_BUCKETS values).
            const { built, bucketed } = index.entries;
            expect(bucketed).toBe(built);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it("ranks a strategy file's declared group count by the count itself: kept promises agree with the scan, broken ones do not", () => {
    const chain = [AZ, { type: "./count-like.ts" }];
    const drive = (score: (count: number, i: number) => number) =>
      fc.assert(
        fc.property(
          fc.array(instanceSpec, { minLength: 1, maxLength: 20 }),
          adversarialOps,
          (instances, ops) => {
            const pair = twins(chain, instances, countLike(score));
            expect(pair[1].index).toBeInstanceOf(ChainIndex);
            driveAdversarial(pair, ops);
          },
        ),
        { numRuns: 40 },
      );
    drive((c) => c);
    // A score that is not the count (a wrong declaration) makes the index disagree: the test can fail.
    expect(() => drive((c, i) => c + (i % 2))).toThrow();
  });

  it(`hands an entry back to its trees beyond ${MAX_BUCKETS} distinct counts, and grows past its capacity`, () => {
    // 300 instances of one zone, instance i holding i tasks of group 0: 300 live buckets.
    const specs = Array.from({ length: 300 }, (_, k) => ({ type: 0, zone: k % 2, rack: 0 }));
    const pair = twins([AZ, { type: "spread", field: "instanceId" }], specs);
    const [scan, fast] = pair;
    const index = fast.index as ChainIndex;
    const ask = () => {
      for (const g of [0, 1]) {
        const x = scan.placer.choose(decisionOf(scan.shapes[0]!, g));
        expect(fast.placer.choose(decisionOf(fast.shapes[0]!, g))).toBe(x);
      }
    };
    ask();
    expect(index.entries).toEqual({ built: 2, bucketed: 2 });
    // Group 0's entry catches up from the change log (one entry per instance: repeats are logged once),
    // group 2's is built from every instance on its first decision: both go to their trees, group 1's not.
    for (const g of [0, 2])
      for (let i = 0; i < 300; i++) for (let k = 0; k < i; k++) for (const t of pair) t.groups.add(g, i, 1);
    ask();
    const x = scan.placer.choose(decisionOf(scan.shapes[1]!, 2));
    expect(fast.placer.choose(decisionOf(fast.shapes[1]!, 2))).toBe(x);
    expect(index.entries).toEqual({ built: 3, bucketed: 1 });
    // 900 more instances (past the index's first capacity of 1,024: every entry is rebuilt), then more ops.
    for (let k = 0; k < 900; k++) for (const t of pair) t.add({ type: k % 2, zone: k % 3, rack: 0 });
    ask();
    driveAdversarial(
      pair,
      Array.from({ length: 300 }, (_, k) => [k % 9, k * 37, k * 11] as [number, number, number]),
    );
  });

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

  it("gives the same spread-az run as the scan on the shipped scenarios with services, drains and outages", () => {
    // Count buckets under deployments, AZ rebalancing, crash loops, spot interruptions and several services.
    for (const file of [
      "scenarios/rolling-deployment.yaml",
      "scenarios/az-rebalancing.yaml",
      "scenarios/spot-interruptions.yaml",
      "scenarios/service-placement.yaml",
      "scenarios/crash-loop.yaml",
    ]) {
      const { scenario } = loadScenarioFile(file);
      const strategy = presetStrategy("spread-az")!;
      const indexed = simulate(scenario, strategy, 3, { alwaysIndex: true });
      const scanned = simulate(scenario, strategy, 3, { scanOnly: true });
      expect(indexed.metrics, file).toEqual(scanned.metrics);
      expect(indexed.series, file).toEqual(scanned.series);
    }
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
        const indexed = simulate(scenario, strategy, 3, { alwaysIndex: true });
        const scanned = simulate(scenario, strategy, 3, { scanOnly: true });
        expect(indexed.metrics, `${file} ${name}`).toEqual(scanned.metrics);
        expect(indexed.series, `${file} ${name}`).toEqual(scanned.series);
      }
    }
  });
});
