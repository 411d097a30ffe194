/**
 * A capacity provider strategy decides which provider a new task goes to (cluster-capacity-providers.md):
 * the provider with a `base` gets the first `base` tasks; beyond that, tasks split in proportion to
 * `weight`. berth applies it one task at a time and deterministically:
 *   1. if the base provider holds fewer than `base` tasks, it gets the task;
 *   2. otherwise the task goes to the provider j furthest below its share,
 *        argmax_j  weight_j x (B + 1) / W - b_j,
 *      where b_j is provider j's count beyond its base, B = sum b_j and W = sum weight_j;
 *      ties go to the provider listed first.
 * `counts` are the tasks counted per strategy item: for a service its live tasks (so replacements restore
 * the split), for a standalone source every task it submitted.
 */
import type { ProviderShare } from "../scenario/compile-dynamics.ts";

/** Index into `shares` of the provider the next task goes to. */
export function chooseShare(shares: ProviderShare[], counts: ArrayLike<number>): number {
  let totalWeight = 0;
  let beyond = 0;
  for (let j = 0; j < shares.length; j++) {
    const s = shares[j]!;
    if (s.base > 0 && counts[j]! < s.base) return j;
    totalWeight += s.weight;
    beyond += Math.max(0, counts[j]! - s.base);
  }
  let best = 0;
  let bestGap = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < shares.length; j++) {
    const s = shares[j]!;
    if (s.weight === 0) continue;
    const gap = (s.weight * (beyond + 1)) / totalWeight - Math.max(0, counts[j]! - s.base);
    if (gap > bestGap) {
      bestGap = gap;
      best = j;
    }
  }
  return best;
}
