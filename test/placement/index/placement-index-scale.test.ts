/**
 * The placement index against the scan at a size where its trees have several levels (hundreds to
 * over a thousand instances, more than the index's first capacity of 1,024), with the inputs that stress
 * a tree's incremental updates: identical instances (ties everywhere), shapes that fit nowhere or leave
 * instances with zero free memory, instances draining, leaving and joining, many shapes and groups.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream } from "../../../src/core/random.ts";
import { Cluster, InstanceStatus, type PlacementShape } from "../../../src/model/cluster.ts";
import { BUILTIN_INSTANCE_TYPES } from "../../../src/model/instance-types.ts";
import { ClusterView } from "../../../src/placement/cluster-view.ts";
import { createPlacementIndex } from "../../../src/placement/index/placement-index.ts";
import { Placer } from "../../../src/placement/placer.ts";
import { compileChain } from "../../../src/placement/registry.ts";
import type { PlacementStrategyStep } from "../../../src/placement/step.ts";
import { TaskGroups } from "../../../src/placement/task-groups.ts";
import { simpleTask } from "../../helpers/model.ts";
import { decisionOf, SINGLE_STEP_CHAINS } from "./twin-drive.ts";

/**
 * m5.large registers 2,048 cpu units and 7,985 MiB in berth's table. Shapes 0-2 fill one exactly in cpu or
 * memory (zero free: 2 x 1,024 units, 5 x 1,597 MiB, 1 x 2,048 units), 3 asks for host port 80, 4 never
 * fits, 5-9 are small and differ by one unit (near-ties in the float heuristics).
 */
const SHAPES = [
  simpleTask("s0", 1024, 512),
  simpleTask("s1", 256, 1597),
  simpleTask("s2", 2048, 256),
  simpleTask("s3", 256, 1024, { hostPorts: [80] }),
  simpleTask("s4", 1_000_000, 1_000_000),
  simpleTask("s5", 128, 512),
  simpleTask("s6", 128, 513),
  simpleTask("s7", 129, 512),
  simpleTask("s8", 256, 2048),
  simpleTask("s9", 64, 128),
];

const GROUPS = 5;

type Op =
  | { kind: "place"; shape: number; group: number }
  | { kind: "stop"; pick: number }
  | { kind: "status"; pick: number; status: InstanceStatus }
  | { kind: "join"; count: number; large: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("place" as const),
      shape: fc.integer({ min: 0, max: SHAPES.length - 1 }),
      group: fc.integer({ min: 0, max: GROUPS - 1 }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("stop" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("status" as const),
      pick: fc.nat(),
      status: fc.constantFrom(InstanceStatus.Draining, InstanceStatus.Gone, InstanceStatus.Active),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("join" as const),
      count: fc.integer({ min: 1, max: 400 }),
      large: fc.boolean(),
    }),
  },
);

interface Side {
  cluster: Cluster;
  groups: TaskGroups;
  shapes: PlacementShape[];
  placer: Placer;
}

function side(chain: PlacementStrategyStep[], indexed: boolean, instances: number): Side {
  const cluster = new Cluster(["80/tcp"]);
  const groups = new TaskGroups(cluster);
  for (let g = 0; g < GROUPS; g++) groups.id(`g${g}`);
  const shapes = SHAPES.map((s, i) => cluster.resolveShape(s, i));
  const tieBreak = createStream(3, "tie-break");
  const compiled = compileChain(chain, {
    view: new ClusterView(cluster, groups),
    groups,
    seed: 3,
    taskMix: [],
  });
  const index = indexed ? createPlacementIndex(compiled, { cluster, groups }, shapes, tieBreak) : undefined;
  if (indexed) expect(index).toBeDefined();
  const s = { cluster, groups, shapes, placer: new Placer(cluster, compiled, tieBreak, "test", index) };
  join(s, instances, false);
  return s;
}

function join(s: Side, count: number, large: boolean): void {
  const type = BUILTIN_INSTANCE_TYPES.get(large ? "m5.xlarge" : "m5.large")!;
  for (let k = 0; k < count; k++) {
    const i = s.cluster.addInstance(type, large ? 1 : 0, "az", {}, 0);
    s.groups.instanceAdded(i);
  }
}

/** Applies `ops` to both sides; every choice and failure reason must be the scan's. */
function drive(scan: Side, fast: Side, ops: Op[]): void {
  const running: [number, number, number][] = [];
  for (const o of ops) {
    if (o.kind === "place") {
      const a = scan.placer.choose(decisionOf(scan.shapes[o.shape]!, o.group));
      expect(fast.placer.choose(decisionOf(fast.shapes[o.shape]!, o.group))).toBe(a);
      if (a < 0) {
        expect(fast.placer.failureReason).toBe(scan.placer.failureReason);
        continue;
      }
      for (const t of [scan, fast]) {
        t.cluster.reserve(t.shapes[o.shape]!, a);
        t.groups.add(o.group, a, 1);
      }
      running.push([o.shape, o.group, a]);
    } else if (o.kind === "stop") {
      if (running.length === 0) continue;
      const [s, g, i] = running.splice(o.pick % running.length, 1)[0]!;
      for (const t of [scan, fast]) {
        t.cluster.release(t.shapes[s]!, i);
        t.groups.add(g, i, -1);
      }
    } else if (o.kind === "status") {
      const i = o.pick % scan.cluster.count;
      for (const t of [scan, fast]) t.cluster.setStatus(i, o.status);
    } else {
      for (const t of [scan, fast]) join(t, o.count, o.large);
    }
  }
}

describe("PlacementIndex at several tree levels", () => {
  for (const chain of SINGLE_STEP_CHAINS) {
    it(`makes the scan's choices for ${chain[0]!.type}(${chain[0]!.field ?? ""}) on hundreds of tied instances`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 60, max: 900 }),
          fc.array(op, { minLength: 50, maxLength: 400 }),
          (instances, ops) => drive(side(chain, false, instances), side(chain, true, instances), ops),
        ),
        { numRuns: 12 },
      );
    });
  }

  it("fills instances to zero free and drains them in long runs, crossing 1,024 instances", () => {
    // Deterministic heavy case: 1,000 identical instances, shape 0 until full (every instance ties at each
    // level of fullness), draining a stripe, joining 100 more, then emptying in id order.
    for (const chain of SINGLE_STEP_CHAINS) {
      const scan = side(chain, false, 1000);
      const fast = side(chain, true, 1000);
      const ops: Op[] = [];
      for (let k = 0; k < 2100; k++) ops.push({ kind: "place", shape: 0, group: k % GROUPS });
      for (let i = 0; i < 1000; i += 3)
        ops.push({ kind: "status", pick: i, status: InstanceStatus.Draining });
      ops.push({ kind: "join", count: 100, large: true });
      for (let k = 0; k < 400; k++) ops.push({ kind: "place", shape: 5 + (k % 5), group: k % GROUPS });
      for (let k = 0; k < 1500; k++) ops.push({ kind: "stop", pick: 0 });
      for (let k = 0; k < 300; k++) ops.push({ kind: "place", shape: k % SHAPES.length, group: 0 });
      drive(scan, fast, ops);
    }
  });
});
