/**
 * Paired comparison of a strategy against a baseline over the same seeds (common random numbers).
 *
 * For each numeric metric x and seeds s = 1..n:  d_s = x_s(strategy) - x_s(baseline)
 *   meanDifference = mean(d);  95% CI = mean(d) +- t(0.975, n-1) * sd(d) / sqrt(n)   (Student t)
 *   relativeChange = meanDifference / |mean(x(baseline))|  (null when the baseline mean is 0)
 *   significant    = the CI excludes 0 (needs n >= 2)
 * Pairing removes the seed-to-seed workload variation both strategies share, so the interval is usually
 * far narrower than the difference of two independent intervals.
 */
import { estimate } from "./confidence.ts";

export interface PairedDifference {
  meanDifference: number;
  /** Half-width of the 95% interval of the mean difference; null with fewer than two seeds. */
  ci95: number | null;
  low: number | null;
  high: number | null;
  n: number;
  baselineMean: number;
  relativeChange: number | null;
  significant: boolean;
}

export type PairedTree = { [key: string]: PairedDifference | PairedTree };

export function pairedDifference(strategy: number[], baseline: number[]): PairedDifference {
  if (strategy.length !== baseline.length) {
    throw new Error(`paired comparison needs the same seeds (${strategy.length} vs ${baseline.length} runs)`);
  }
  const e = estimate(strategy.map((v, s) => v - baseline[s]!));
  const baselineMean = estimate(baseline).mean;
  return {
    meanDifference: e.mean,
    ci95: e.ci95,
    low: e.low,
    high: e.high,
    n: e.n,
    baselineMean,
    relativeChange: baselineMean !== 0 ? e.mean / Math.abs(baselineMean) : null,
    significant: e.low !== null && e.high !== null && (e.low > 0 || e.high < 0),
  };
}

/**
 * Paired differences at every numeric leaf of the runs' metric objects (runs in the same seed order).
 * A key missing from some runs (a failure reason seen in one seed) counts as 0 there.
 */
export function pairedComparison(strategyRuns: object[], baselineRuns: object[]): PairedTree {
  // Keys include user names (services, reasons): no prototype, so "__proto__" is an ordinary key.
  const out: PairedTree = Object.create(null);
  const keys = new Set<string>();
  for (const r of [...strategyRuns, ...baselineRuns]) for (const k of Object.keys(r)) keys.add(k);
  const at = (runs: object[], key: string) => runs.map((r) => (r as Record<string, unknown>)[key]);
  for (const key of keys) {
    const mine = at(strategyRuns, key);
    const theirs = at(baselineRuns, key);
    const sample = [...mine, ...theirs].find((v) => v !== undefined);
    const num = (vs: unknown[]) => vs.map((v) => (typeof v === "number" ? v : 0));
    if (typeof sample === "number") out[key] = pairedDifference(num(mine), num(theirs));
    else if (sample !== null && typeof sample === "object") {
      const obj = (vs: unknown[]) => vs.map((v) => (v ?? {}) as object);
      out[key] = pairedComparison(obj(mine), obj(theirs));
    }
  }
  return out;
}
