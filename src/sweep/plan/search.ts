/**
 * Monotone searches over a probe that holds from some point on (more instances) or up to some point (more
 * load). Probes are async (they run on the worker pool) and are expected to be cached by the caller.
 */

/**
 * The smallest integer n in [min, max] with holds(n), assuming holds is monotone (false ... false true ...
 * true). Brackets from `start`: halving the distance to `min` while it holds, doubling while it does not;
 * then bisects. Returns undefined when even `max` does not hold.
 */
export async function smallestHolding(
  holds: (n: number) => Promise<boolean>,
  { start, min = 1, max = 4096 }: { start: number; min?: number; max?: number },
): Promise<number | undefined> {
  let n = Math.min(max, Math.max(min, Math.round(start)));
  let lo: number; // largest known failing (or min - 1)
  let hi: number; // smallest known holding
  if (await holds(n)) {
    hi = n;
    lo = min - 1;
    // Step down: halve the distance to min until a probe fails.
    while (hi > min) {
      const next = Math.max(min, Math.floor((hi + min - 1) / 2));
      if (next === hi) break;
      if (await holds(next)) hi = next;
      else {
        lo = next;
        break;
      }
    }
  } else {
    lo = n;
    for (;;) {
      if (n >= max) return undefined;
      n = Math.min(max, n * 2);
      if (await holds(n)) {
        hi = n;
        break;
      }
      lo = n;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await holds(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The largest x in [min, max] with holds(x) to a relative precision (hi/lo - 1 <= precision), assuming
 * holds is true up to some point and false after (more load). Brackets by doubling from `start`.
 * Returns undefined when even `min` does not hold, `max` when it holds there.
 */
export async function largestHolding(
  holds: (x: number) => Promise<boolean>,
  {
    start = 1,
    min = 1 / 64,
    max = 64,
    precision = 0.02,
  }: { start?: number; min?: number; max?: number; precision?: number },
): Promise<number | undefined> {
  let lo: number; // holds
  let hi: number; // fails
  let x = start;
  if (await holds(x)) {
    lo = x;
    for (;;) {
      if (x >= max) return max;
      x = Math.min(max, x * 2);
      if (!(await holds(x))) {
        hi = x;
        break;
      }
      lo = x;
    }
  } else {
    hi = x;
    for (;;) {
      if (x <= min) return undefined;
      x = Math.max(min, x / 2);
      if (await holds(x)) {
        lo = x;
        break;
      }
      hi = x;
    }
  }
  while (hi / lo - 1 > precision) {
    const mid = Math.sqrt(lo * hi);
    if (await holds(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
