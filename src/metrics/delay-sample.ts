/**
 * The placement delays of a run (or of several runs pooled), exact and compact: how many were exactly 0
 * (placed on arrival, the common case in a cluster with room) and the others in ascending order. Memory is
 * 8 bytes per task that waited, nothing per task placed at once, so a run of 10 M tasks that mostly place on
 * arrival keeps the delays of the few that waited. The values are the same multiset as the full sorted
 * array (zeros first), and every summary here equals the summary of that array bit for bit:
 *   - percentiles go through the same quantileSorted (simple-statistics), reading a view of the array;
 *   - the mean adds the values in the same ascending order (adding +0 changes no partial sum).
 * Delays are never negative (placement time minus submission time), so the zeros all sort first.
 */
import { quantileSorted } from "simple-statistics";
import type { Percentiles } from "./percentiles.ts";

export interface DelaySample {
  /** Delays of exactly 0. */
  zeros: number;
  /** The other delays, ascending. */
  positive: Float64Array;
}

/** Number of delays in the sample. */
export function delayCount(s: DelaySample): number {
  return s.zeros + s.positive.length;
}

/** The sample as the sorted array it stands for, read-only and without copying. */
function sortedView(s: DelaySample): number[] {
  const n = delayCount(s);
  return new Proxy([] as number[], {
    get(_target, key) {
      if (key === "length") return n;
      const k = typeof key === "string" ? Number(key) : Number.NaN;
      if (!Number.isInteger(k) || k < 0 || k >= n) return undefined;
      return k < s.zeros ? 0 : s.positive[k - s.zeros]!;
    },
  });
}

/** mean, p50, p95, p99 and max: the same figures summarize() gives for the full sorted array. */
export function summarizeDelays(s: DelaySample): Percentiles {
  const n = delayCount(s);
  if (n === 0) return { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  let total = 0;
  const p = s.positive;
  for (let i = 0; i < p.length; i++) total += p[i]!;
  const view = sortedView(s);
  return {
    mean: total / n,
    p50: quantileSorted(view, 0.5),
    p95: quantileSorted(view, 0.95),
    p99: quantileSorted(view, 0.99),
    max: p.length > 0 ? p[p.length - 1]! : 0,
  };
}

/** Values at percentiles 0, 1, ..., 100 (percentileCurve of the full sorted array). */
export function delayCurve(s: DelaySample): number[] {
  if (delayCount(s) === 0) return [];
  const view = sortedView(s);
  return Array.from({ length: 101 }, (_, p) => quantileSorted(view, p / 100));
}

/** Several samples as one (the pooled distribution of a strategy's runs). */
export function poolDelays(parts: readonly DelaySample[]): DelaySample {
  const positive = new Float64Array(parts.reduce((n, p) => n + p.positive.length, 0));
  let at = 0;
  let zeros = 0;
  for (const p of parts) {
    positive.set(p.positive, at);
    at += p.positive.length;
    zeros += p.zeros;
  }
  return { zeros, positive: positive.sort() };
}

/** The sample from a list of delays in any order (tests, small callers). */
export function delaySampleOf(values: ArrayLike<number>): DelaySample {
  let zeros = 0;
  const positive: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === 0) zeros++;
    else positive.push(v);
  }
  return { zeros, positive: Float64Array.from(positive).sort() };
}
