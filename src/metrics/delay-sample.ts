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

/**
 * Several samples as one (the pooled distribution of a strategy's runs). Each part is sorted already, so
 * they are merged, two at a time, instead of sorting their concatenation again: the same array (every
 * value is finite and above 0, so the ascending order is unique up to equal values, which are the same
 * bits). One part is returned as its own array (a sample is never written once built).
 */
export function poolDelays(parts: readonly DelaySample[]): DelaySample {
  let zeros = 0;
  for (const p of parts) zeros += p.zeros;
  let runs = parts.map((p) => p.positive);
  if (runs.length === 0) return { zeros, positive: new Float64Array(0) };
  while (runs.length > 1) {
    const next: Float64Array[] = [];
    for (let k = 0; k < runs.length; k += 2)
      next.push(k + 1 < runs.length ? mergeAscending(runs[k]!, runs[k + 1]!) : runs[k]!);
    runs = next;
  }
  return { zeros, positive: runs[0]! };
}

/** The ascending merge of two ascending arrays. */
function mergeAscending(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Below this many values the built-in sort is as fast as the radix sort's fixed cost. */
const RADIX_FROM = 4096;

/** Whether a float64's low 32 bits come first in memory (the radix sort reads them as two uint32). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * `values` (finite, above 0: positive delays) in ascending order, sorted in place or into a new array
 * (use the result). For such numbers the IEEE bits, read as an unsigned integer, order exactly as the
 * values do, so a least-significant-digit radix sort over four 16-bit digits gives the array the
 * built-in sort gives, about three times faster on the hundreds of thousands of delays of an overloaded
 * run (a pass whose digit is the same for every value is skipped).
 */
export function sortPositive(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_FROM || !LITTLE_ENDIAN) return values.sort();
  let from: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let to: Uint32Array = new Uint32Array(n * 2);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(from[2 * i + word]! >>> shift) & 0xffff]!++;
    if (count[(from[word]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = count[(from[2 * i + word]! >>> shift) & 0xffff]!++;
      to[2 * k] = from[2 * i]!;
      to[2 * k + 1] = from[2 * i + 1]!;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return new Float64Array(from.buffer, from.byteOffset, n);
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
  return { zeros, positive: sortPositive(Float64Array.from(positive)) };
}
