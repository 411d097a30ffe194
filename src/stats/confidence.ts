/**
 * Mean and two-sided 95% confidence interval of independent replications (Student t, n - 1 degrees of
 * freedom). With one replication the interval is unknown and reported as null.
 */
import { mean, sampleStandardDeviation } from "simple-statistics";
import { tQuantile975 } from "./t-quantile.ts";

export interface Estimate {
  mean: number;
  /** Half-width of the 95% interval; null with fewer than two replications. */
  ci95: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export function estimate(values: number[]): Estimate {
  const n = values.length;
  if (n === 0) return { mean: 0, ci95: null, low: null, high: null, n: 0 };
  const m = mean(values);
  if (n < 2) return { mean: m, ci95: null, low: null, high: null, n };
  const half = (tQuantile975(n - 1) * sampleStandardDeviation(values)) / Math.sqrt(n);
  return { mean: m, ci95: half, low: m - half, high: m + half, n };
}
