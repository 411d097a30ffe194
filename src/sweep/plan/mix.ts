/**
 * The search for the cheapest mix of several instance types (`berth plan --types A,B,C`). Cost is linear in
 * the counts; the SLOs are assumed monotone (one more instance of any type never breaks them), so the
 * mixes that hold form an up-set and the cheapest one lies on its lower frontier. That frontier has no
 * closed form and each point costs a probe (seeds x strategies of simulation), so the search is bounded:
 *
 * 1. rays: for each proportion vector on a simplex grid (`raySteps` parts: 4 for two types, 3 for three,
 *    2 from four on), the smallest total n whose D'Hondt split holds (bracketing + bisection, as for one
 *    type), searched only up to the n where the ray's cost passes the cheapest answer known so far;
 * 2. descent from the cheapest mix found: try every cheaper neighbour (one instance fewer of a type, or one
 *    instance of a type swapped for one of a cheaper type), greatest saving first; move to the first that
 *    holds and repeat, until none holds or `maxProbes` new probes were spent.
 *
 * The answer is a local optimum for those moves, not a proven global one (docs/planning.md says so).
 */
import { apportion } from "./apportion.ts";

export interface MixType {
  name: string;
  pricePerHour: number;
}

/** Proportion vectors (integer parts summing to `steps`) with at least two types in use, in a fixed order. */
export function mixedRays(types: number, steps: number): number[][] {
  const out: number[][] = [];
  const walk = (prefix: number[], left: number) => {
    if (prefix.length === types - 1) {
      const ray = [...prefix, left];
      if (ray.filter((w) => w > 0).length >= 2) out.push(ray);
      return;
    }
    for (let w = left; w >= 0; w--) walk([...prefix, w], left - w);
  };
  walk([], steps);
  return out;
}

export function raySteps(types: number): number {
  return types <= 2 ? 4 : types === 3 ? 3 : 2;
}

/** Counts per type of n instances split along a ray. */
export function alongRay(ray: readonly number[], n: number): number[] {
  return apportion(ray, n);
}

export function mixCost(types: readonly MixType[], counts: readonly number[]): number {
  return counts.reduce((sum, c, i) => sum + c * types[i]!.pricePerHour, 0);
}

/**
 * The largest n whose split along the ray costs no more than `budget` (0 when even n = 1 costs more). The
 * split is house-monotone, so cost grows with n and a bisection finds it.
 */
export function largestAffordable(
  ray: readonly number[],
  types: readonly MixType[],
  budget: number,
  max: number,
): number {
  const affordable = (n: number) => mixCost(types, alongRay(ray, n)) <= budget + 1e-9;
  if (!affordable(1)) return 0;
  let lo = 1;
  let hi = max + 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (affordable(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Cheaper neighbours of a mix, greatest saving first: one fewer of a type, or one swapped for a cheaper type. */
export function cheaperNeighbours(types: readonly MixType[], counts: readonly number[]): number[][] {
  const moves: { counts: number[]; saving: number }[] = [];
  counts.forEach((c, i) => {
    if (c === 0) return;
    const fewer = [...counts];
    fewer[i]!--;
    if (fewer.some((x) => x > 0)) moves.push({ counts: fewer, saving: types[i]!.pricePerHour });
    types.forEach((t, j) => {
      if (j === i || t.pricePerHour >= types[i]!.pricePerHour) return;
      const swapped = [...fewer];
      swapped[j]!++;
      moves.push({ counts: swapped, saving: types[i]!.pricePerHour - t.pricePerHour });
    });
  });
  // Stable: equal savings keep the order above (types in the order given).
  return moves.sort((a, b) => b.saving - a.saving).map((m) => m.counts);
}

export function mixText(types: readonly MixType[], counts: readonly number[]): string {
  return types
    .map((t, i) => (counts[i]! > 0 ? `${counts[i]} ${t.name}` : ""))
    .filter((s) => s !== "")
    .join(" + ");
}
