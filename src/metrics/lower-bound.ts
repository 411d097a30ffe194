/**
 * Lower bounds on the number of instances needed to hold a set of tasks (one-dimensional bin packing per
 * resource). Tasks of one shape are identical, so items come grouped as (size, count) and every bound costs
 * O(distinct sizes^2) however many tasks run.
 *
 * Martello-Toth L2 for bins of capacity C (Martello & Toth 1990, "Lower bounds and reduction procedures for
 * the bin packing problem"): for each K in {0} and every distinct size <= C/2,
 *   J1 = {w > C - K},  J2 = {C - K >= w > C/2},  J3 = {C/2 >= w >= K}
 *   L(K) = |J1| + |J2| + max(0, ceil((sum(J3) - (|J2| C - sum(J2))) / C))
 *   L2 = max over K of L(K)
 * Items of J1 and J2 each need a bin of their own; J3 items can only use what J2 bins leave free, the rest
 * needs new bins. L2 >= L1 = ceil(sum / C) (K = 0 already gives at least L1).
 */

/** Martello-Toth L2 for items sizes[j] (each present counts[j] times) in bins of the given capacity. */
export function martelloTothL2(
  sizes: ArrayLike<number>,
  counts: ArrayLike<number>,
  capacity: number,
): number {
  if (!(capacity > 0)) return 0;
  const half = capacity / 2;
  let best = 0;
  const candidates = [0];
  for (let j = 0; j < sizes.length; j++) {
    const w = sizes[j]!;
    if (counts[j]! > 0 && w > 0 && w <= half) candidates.push(w);
  }
  for (const k of candidates) {
    let j1 = 0;
    let j2 = 0;
    let sumJ2 = 0;
    let sumJ3 = 0;
    for (let j = 0; j < sizes.length; j++) {
      const w = sizes[j]!;
      const n = counts[j]!;
      if (n <= 0 || w <= 0) continue;
      if (w > capacity - k) j1 += n;
      else if (w > half) {
        j2 += n;
        sumJ2 += n * w;
      } else if (w >= k) sumJ3 += n * w;
    }
    const overflow = sumJ3 - (j2 * capacity - sumJ2);
    const value = j1 + j2 + (overflow > 0 ? Math.ceil(overflow / capacity) : 0);
    if (value > best) best = value;
  }
  return best;
}

/**
 * For bins of different capacities: the fewest bins whose capacities, largest first, add up to the demand
 * (no packing into fewer bins can hold it). Returns Infinity when all bins together are too small.
 */
export function largestFirstBound(capacities: Float64Array, demand: number): number {
  if (demand <= 0) return 0;
  const sorted = capacities.slice().sort().reverse();
  let total = 0;
  for (let k = 0; k < sorted.length; k++) {
    total += sorted[k]!;
    if (total >= demand) return k + 1;
  }
  return Number.POSITIVE_INFINITY;
}
