/**
 * Steady-state estimate from one long run by the method of non-overlapping batch means.
 *
 * The measured samples (grid samples after warm-up; warm-up is the deletion step) are cut into k equal
 * consecutive batches (the first m mod k samples are dropped so batches are equal); the batch means
 * B_1..B_k are treated as independent, and
 *   mean = mean(B),  95% CI = mean +- t(0.975, k-1) * sd(B) / sqrt(k)
 * The lag-1 autocorrelation of the batch means is reported as a check: well above 0 (say > 0.2) means the
 * batches are too short to be independent and the interval is too narrow; run longer.
 */
import { type Estimate, estimate } from "./confidence.ts";

export const DEFAULT_BATCHES = 10;

export interface BatchMeansEstimate extends Estimate {
  batches: number;
  batchSize: number;
  /** Lag-1 autocorrelation of the batch means (null when undefined: constant batch means). */
  lag1: number | null;
}

/** null when there are fewer than two samples per batch. */
export function batchMeans(values: ArrayLike<number>, batches = DEFAULT_BATCHES): BatchMeansEstimate | null {
  const size = Math.floor(values.length / batches);
  if (batches < 2 || size < 2) return null;
  const skip = values.length - size * batches;
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let total = 0;
    for (let k = 0; k < size; k++) total += values[skip + b * size + k]!;
    means.push(total / size);
  }
  return { ...estimate(means), batches, batchSize: size, lag1: lag1Autocorrelation(means) };
}

export function lag1Autocorrelation(xs: number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - m;
    den += d * d;
    if (i + 1 < n) num += d * (xs[i + 1]! - m);
  }
  return den > 0 ? num / den : null;
}
