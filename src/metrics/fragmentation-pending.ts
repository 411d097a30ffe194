/**
 * Fragmentation-induced pending: task-seconds spent PENDING while the cluster's total free capacity (summed
 * over ACTIVE instances) would have held the task on every aggregate resource: cpu, memory, gpu and ENIs.
 * Host ports are not aggregated (a port is free or not per instance), so they never count as "would fit".
 *
 *   inducedPendingTaskSeconds = integral over the measured window of
 *                               sum over shapes s of pending_s(t) * [freeTotal_r(t) >= demand_s,r for all r]
 *   pendingTaskSeconds        = integral of pending(t) dt;  inducedPendingShare = induced / pending
 *
 * State is piecewise constant between events, so the integral is exact. Cost per event: O(shapes) while
 * tasks are pending, O(1) otherwise.
 */
import type { PlacementShape } from "../model/cluster.ts";

export class FragmentationPending {
  readonly pendingByShape: Int32Array;
  private readonly demand: Float64Array;
  total = 0;
  pendingTaskSeconds = 0;
  inducedTaskSeconds = 0;

  constructor(private readonly shapes: PlacementShape[]) {
    this.pendingByShape = new Int32Array(shapes.length);
    this.demand = new Float64Array(shapes.length * 4);
    shapes.forEach((s, k) => this.demand.set([s.cpu, s.memory, s.gpu, s.eni], k * 4));
  }

  queued(shape: PlacementShape): void {
    this.pendingByShape[shape.index]!++;
    this.total++;
  }

  dequeued(shape: PlacementShape): void {
    this.pendingByShape[shape.index]!--;
    this.total--;
  }

  /** Adds dt seconds of the current state; free(r) is the cluster's total free capacity of resource r. */
  integrate(dt: number, free: (r: number) => number): void {
    if (this.total === 0) return;
    this.pendingTaskSeconds += this.total * dt;
    const f0 = free(0);
    const f1 = free(1);
    const f2 = free(2);
    const f3 = free(3);
    let fits = 0;
    const d = this.demand;
    for (let k = 0; k < this.shapes.length; k++) {
      const n = this.pendingByShape[k]!;
      if (n === 0) continue;
      const b = k * 4;
      if (d[b]! <= f0 && d[b + 1]! <= f1 && d[b + 2]! <= f2 && d[b + 3]! <= f3) fits += n;
    }
    this.inducedTaskSeconds += fits * dt;
  }
}
