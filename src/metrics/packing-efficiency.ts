/**
 * Packing efficiency at one instant: instances holding at least one task divided by a lower bound on the
 * instances needed for the tasks running at that instant (1 = provably optimal packing, higher = more
 * instances in use than necessary).
 *
 *   LB = max( max over resources r of L2_r, max over r of LF_r, max over static ports p of tasks using p )
 *
 * L2_r: Martello-Toth L2 on resource r (cpu, memory, gpu, ENIs) with the largest registered capacity among
 * ACTIVE instances as bin size (a valid bound: enlarging every bin to the largest cannot need more bins).
 * LF_r: the fewest ACTIVE instances whose capacities of r, largest first, cover the demand (matters in
 * mixed-type clusters). Port bound: two tasks using the same static host port never share an instance.
 * The binding dimension is whichever term attains the maximum.
 *
 * Cache invariant: for each resource r, when scannedAt[r] equals the cluster's statusVersion, active[r],
 * largest[r], smallest[r] and capacities[r][0, active[r]) are what a scan of the ACTIVE instances' registered
 * capacities of r (in id order) gives now. Statuses, registered capacities and the instance count change
 * only through addInstance and setStatus, which bump statusVersion, so a sample rescans only after one of
 * those (a launch, a status change, a termination) instead of at every sample: O(shapes) per sample between
 * them. The bound computed is the same as without the cache (test/metrics/packing-bound-cache.test.ts).
 */
import { atLeast } from "../core/growable.ts";
import { type Cluster, InstanceStatus, type PlacementShape } from "../model/cluster.ts";
import { largestFirstBound, martelloTothL2 } from "./lower-bound.ts";

const RESOURCE_COUNT = 4;

export class PackingBound {
  private readonly sizes: Float64Array[];
  private readonly counts: Float64Array;
  /** Per resource: the statusVersion of the last scan (-1: never), and what it found (see the invariant). */
  private readonly scannedAt = new Float64Array(RESOURCE_COUNT).fill(-1);
  private readonly active = new Int32Array(RESOURCE_COUNT);
  private readonly largest = new Float64Array(RESOURCE_COUNT);
  private readonly smallest = new Float64Array(RESOURCE_COUNT);
  private readonly capacities: Float64Array[] = Array.from(
    { length: RESOURCE_COUNT },
    () => new Float64Array(16),
  );

  constructor(
    private readonly cluster: Cluster,
    private readonly shapes: PlacementShape[],
  ) {
    const of = (pick: (s: PlacementShape) => number) => Float64Array.from(shapes, pick);
    this.sizes = [of((s) => s.cpu), of((s) => s.memory), of((s) => s.gpu), of((s) => s.eni)];
    this.counts = new Float64Array(shapes.length);
  }

  /** Lower bound on instances for runningByShape[s] running tasks of each shape s. */
  lowerBound(runningByShape: ArrayLike<number>): number {
    const c = this.cluster;
    let tasks = 0;
    for (let s = 0; s < this.shapes.length; s++) {
      this.counts[s] = runningByShape[s]!;
      tasks += runningByShape[s]!;
    }
    if (tasks === 0) return 0;
    let bound = 0;
    for (let r = 0; r < RESOURCE_COUNT; r++) {
      const sizes = this.sizes[r]!;
      let demand = 0;
      for (let s = 0; s < sizes.length; s++) demand += sizes[s]! * this.counts[s]!;
      if (demand <= 0) continue;
      if (this.scannedAt[r] !== c.statusVersion) this.scan(r);
      const largest = this.largest[r]!;
      bound = Math.max(bound, martelloTothL2(sizes, this.counts, largest));
      // With equal capacities the largest-first bound is L1, which L2 already dominates.
      if (this.smallest[r]! < largest) {
        const lf = largestFirstBound(this.capacities[r]!.subarray(0, this.active[r]!), demand);
        if (Number.isFinite(lf)) bound = Math.max(bound, lf);
      }
    }
    return Math.max(bound, this.portBound());
  }

  /** Re-establishes the cache invariant for resource r: the ACTIVE instances' registered capacities of r. */
  private scan(r: number): void {
    const c = this.cluster;
    const reg = [c.regCpu, c.regMemory, c.regGpu, c.regEni][r]!;
    const capacities = atLeast(this.capacities[r]!, c.count);
    this.capacities[r] = capacities;
    let active = 0;
    let largest = 0;
    let smallest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < c.count; i++) {
      if (c.status[i] !== InstanceStatus.Active) continue;
      const cap = reg[i]!;
      capacities[active++] = cap;
      if (cap > largest) largest = cap;
      if (cap < smallest) smallest = cap;
    }
    this.active[r] = active;
    this.largest[r] = largest;
    this.smallest[r] = smallest;
    this.scannedAt[r] = c.statusVersion;
  }

  private portBound(): number {
    const perPort = new Map<number, number>();
    let best = 0;
    this.shapes.forEach((shape, s) => {
      const n = this.counts[s]!;
      if (n === 0) return;
      for (const p of shape.staticPortIds) {
        const total = (perPort.get(p) ?? 0) + n;
        perPort.set(p, total);
        if (total > best) best = total;
      }
    });
    return best;
  }
}

/** instancesInUse / lowerBound, or null when nothing runs (no ratio to report). */
export function packingEfficiency(instancesInUse: number, lowerBound: number): number | null {
  return lowerBound > 0 ? instancesInUse / lowerBound : null;
}
