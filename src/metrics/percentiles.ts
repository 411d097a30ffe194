/**
 * Summaries of a sample of values. Percentiles use simple-statistics' quantileSorted (nearest rank, with the
 * mean of the two middle values where the rank falls exactly between them).
 */
import { quantileSorted } from "simple-statistics";

export interface Percentiles {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Sorts `values` in place (skipped when already ascending, as the recorder's delays are: one O(n) check
 * instead of an O(n log n) sort). An empty sample summarizes to zeros (no placements, no delay).
 */
export function summarize(values: Float64Array): Percentiles {
  if (values.length === 0) return { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  if (!isAscending(values)) values.sort();
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  const sorted = values as unknown as number[];
  return {
    mean: total / values.length,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: values[values.length - 1]!,
  };
}

/** Values at percentiles 0, 1, ..., 100 of a sorted sample (for distribution charts). */
export function percentileCurve(sorted: Float64Array): number[] {
  if (sorted.length === 0) return [];
  const arr = sorted as unknown as number[];
  return Array.from({ length: 101 }, (_, p) => quantileSorted(arr, p / 100));
}

function isAscending(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1]! <= values[i]!)) return false;
  return true;
}
