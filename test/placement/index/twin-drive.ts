/** Drivers shared by the index tests: a scanning and an indexed placer over twin clusters, same operations. */
import { expect } from "vitest";
import type { Cluster, PlacementShape } from "../../../src/model/cluster.ts";
import type { Placer } from "../../../src/placement/placer.ts";
import type { TaskGroups } from "../../../src/placement/task-groups.ts";
import { Decision } from "../../../src/placement/task-view.ts";

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

/**
 * Shapes 0 and 1 placed and released often, shape 2 asked for only after gaps of 300, 4,000, 10 and 2,500
 * changes: index trees catch up from the change log only when asked (change-log.ts), and a gap beyond the
 * log's window (1,024) makes shape 2's tree stale, so it is rebuilt. Every choice must equal the scan's.
 */
export function rareShapeDrive(scan: Twin, fast: Twin): void {
  const running: [number, number, number][] = [];
  let step = 0;
  const place = (s: number, g: number) => {
    const a = scan.placer.choose(decisionOf(scan.shapes[s]!, g));
    expect(fast.placer.choose(decisionOf(fast.shapes[s]!, g))).toBe(a);
    if (a < 0) return;
    for (const t of [scan, fast]) {
      t.cluster.reserve(t.shapes[s]!, a);
      t.groups.add(g, a, 1);
    }
    running.push([s, g, a]);
  };
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
