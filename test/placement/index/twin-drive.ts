/**
 * Drivers shared by the index tests: a scanning and an indexed placer over twin clusters, same operations.
 * Each test builds its twins (instances, index) from twinStart; driveTwins is the property both indexes are
 * held to: random placements and releases, the indexed placer choosing like the scan, failure reasons alike.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { createStream } from "../../../src/core/random.ts";
import { Cluster, type PlacementShape } from "../../../src/model/cluster.ts";
import type { TaskShape } from "../../../src/model/task-definition.ts";
import { ClusterView } from "../../../src/placement/cluster-view.ts";
import type { Placer } from "../../../src/placement/placer.ts";
import { compileChain } from "../../../src/placement/registry.ts";
import type { PlacementStrategyStep } from "../../../src/placement/step.ts";
import type { ShapeShare, StrategyDefinition } from "../../../src/placement/strategy.ts";
import { TaskGroups } from "../../../src/placement/task-groups.ts";
import { Decision } from "../../../src/placement/task-view.ts";
import { simpleTask } from "../../helpers/model.ts";

export interface Twin {
  cluster: Cluster;
  groups: TaskGroups;
  shapes: PlacementShape[];
  placer: Placer;
}

/** A decision for one task of shape `shape` in task group `group`, as the simulator prepares it. */
export function decisionOf(shape: PlacementShape, group: number): Decision {
  const d = new Decision(shape);
  d.groupId = group;
  d.group = `g${group}`;
  return d;
}

/** The single-step chains the PlacementIndex covers (one per index key), as the index tests drive them. */
export const SINGLE_STEP_CHAINS: PlacementStrategyStep[][] = [
  [{ type: "binpack", field: "memory" }],
  [{ type: "binpack", field: "cpu" }],
  [{ type: "spread", field: "instanceId" }],
  [{ type: "first-fit" }],
  [{ type: "random" }],
  [{ type: "best-fit" }],
  [{ type: "worst-fit" }],
  [{ type: "tetris" }],
  [{ type: "best-fit-l2" }],
];

/** The twins' three task shapes (indexes 0-2 of the operations): one holds host port 80. */
export const TWIN_SHAPES: TaskShape[] = [
  simpleTask("a", 512, 1024),
  simpleTask("b", 1024, 512, { hostPorts: [80] }),
  simpleTask("c", 256, 3072),
];

/**
 * What both twins start from: a cluster that knows host port 80/tcp, task groups g0-g2, TWIN_SHAPES resolved
 * on it, the tie-break stream and the compiled chain. Each test adds the instances and the index its own way.
 */
export function twinStart(
  chain: PlacementStrategyStep[],
  options: { taskMix?: ShapeShare[]; modules?: ReadonlyMap<string, StrategyDefinition> } = {},
) {
  const cluster = new Cluster(["80/tcp"]);
  const groups = new TaskGroups(cluster);
  for (const g of ["g0", "g1", "g2"]) groups.id(g);
  const shapes: PlacementShape[] = TWIN_SHAPES.map((s, i) => cluster.resolveShape(s, i));
  const tieBreak = createStream(1, "tie-break");
  const compiled = compileChain(chain, {
    view: new ClusterView(cluster, groups),
    groups,
    seed: 1,
    taskMix: options.taskMix ?? [],
    ...(options.modules ? { modules: options.modules } : {}),
  });
  return { cluster, groups, shapes, tieBreak, compiled };
}

/** Operations: [shape 0-2, task group 0-2, stop a running task instead of placing one]. */
export const twinOperations = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.boolean()),
  { minLength: 1, maxLength: 150 },
);

/** Applies the operations to both twins, expecting the indexed one (`fast`) to choose like the scan. */
export function driveTwins(scan: Twin, fast: Twin, ops: [number, number, boolean][]): void {
  const running: [number, number, number][] = [];
  for (const [shapeIndex, group, stopOne] of ops) {
    if (stopOne && running.length > 0) {
      const [s, g, i] = running.splice((shapeIndex * 7 + group) % running.length, 1)[0]!;
      for (const t of [scan, fast]) {
        t.cluster.release(t.shapes[s]!, i);
        t.groups.add(g, i, -1);
      }
      continue;
    }
    placeOnBoth(scan, fast, shapeIndex, group, running);
  }
}

/**
 * One task of shape s and group g placed by both twins: the indexed choice must be the scan's, and so must
 * the failure reason when the shape fits nowhere. A placed task is pushed on `running` as [s, g, instance].
 */
export function placeOnBoth(
  scan: Twin,
  fast: Twin,
  s: number,
  g: number,
  running: [number, number, number][],
): void {
  const a = scan.placer.choose(decisionOf(scan.shapes[s]!, g));
  expect(fast.placer.choose(decisionOf(fast.shapes[s]!, g))).toBe(a);
  if (a < 0) {
    expect(fast.placer.failureReason).toBe(scan.placer.failureReason);
    return;
  }
  for (const t of [scan, fast]) {
    t.cluster.reserve(t.shapes[s]!, a);
    t.groups.add(g, a, 1);
  }
  running.push([s, g, a]);
}

/**
 * Shapes 0 and 1 placed and released often, shape 2 asked for only after gaps of 300, 4,000, 10 and 2,500
 * changes: index trees catch up from the change log only when asked (change-log.ts), and a gap beyond the
 * log's window (1,024) makes shape 2's tree stale, so it is rebuilt. Every choice must equal the scan's.
 */
export function rareShapeDrive(scan: Twin, fast: Twin): void {
  const running: [number, number, number][] = [];
  let step = 0;
  const place = (s: number, g: number) => placeOnBoth(scan, fast, s, g, running);
  for (const gap of [300, 4000, 10, 2500]) {
    for (let k = 0; k < gap; k++, step++) {
      if (running.length > 40 || (running.length > 0 && step % 3 === 2)) {
        const [s, g, i] = running.splice((step * 7) % running.length, 1)[0]!;
        for (const t of [scan, fast]) {
          t.cluster.release(t.shapes[s]!, i);
          t.groups.add(g, i, -1);
        }
      } else place(step % 2, step % 3);
    }
    place(2, step % 3);
  }
  expect(running.length).toBeGreaterThan(0);
}
