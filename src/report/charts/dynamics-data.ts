/**
 * Data shaping for the dynamics charts (docs/dynamics.md): which results carry dynamics, the per-strategy
 * mean over replications of a keyed dynamics series, and an estimate as a bar row with its 95% CI.
 */
import type { DynamicsSeries } from "../../metrics/dynamics-recorder.ts";
import type { Estimate } from "../../stats/confidence.ts";
import type { Results } from "../results.ts";
import { compact, timeAxis } from "./shared.ts";

/** Every run's dynamics series, per strategy in scenario order (runs without dynamics are skipped). */
export function dynamicsRuns(results: Results): { strategy: string; runs: DynamicsSeries[] }[] {
  return results.strategies.map((s) => ({
    strategy: s.name,
    runs: s.runs.flatMap((r) => (r.dynamics ? [r.dynamics] : [])),
  }));
}

export function hasDynamics(results: Results): boolean {
  return results.strategies.some((s) => s.runs.some((r) => r.dynamics !== undefined));
}

/** Keys of a keyed dynamics series (groups, providers, services) over all runs, in first-seen order. */
export function seriesKeys(
  results: Results,
  pick: (d: DynamicsSeries) => Record<string, number[]>,
): string[] {
  const keys = new Set<string>();
  for (const { runs } of dynamicsRuns(results))
    for (const d of runs) for (const k of Object.keys(pick(d))) keys.add(k);
  return [...keys];
}

export interface KeyedRow {
  strategy: string;
  key: string;
  time: number;
  value: number;
}

/**
 * Mean over replications of `pick(run)` at each sample time, per strategy; samples are matched by time
 * (as meanSeries does for the main series). `pick` returns undefined when a run lacks that series.
 */
export function meanDynamics(
  results: Results,
  keys: string[],
  pick: (d: DynamicsSeries, key: string) => number[] | undefined,
): KeyedRow[] {
  const { secondsPerUnit } = timeAxis(results);
  const rows: KeyedRow[] = [];
  for (const { strategy, runs } of dynamicsRuns(results)) {
    for (const key of keys) {
      const sums = new Map<number, { sum: number; n: number }>();
      for (const d of runs) {
        const values = pick(d, key);
        if (!values) continue;
        d.t.forEach((t, i) => {
          const acc = sums.get(t) ?? { sum: 0, n: 0 };
          acc.sum += values[i]!;
          acc.n += 1;
          sums.set(t, acc);
        });
      }
      for (const [t, { sum, n }] of [...sums].sort((a, b) => a[0] - b[0])) {
        rows.push({ strategy, key, time: compact(t / secondsPerUnit), value: compact(sum / n) });
      }
    }
  }
  return rows;
}

export interface CiRow {
  mean: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Mean and 95% CI of an estimate, the interval clipped to the range the figure can take (a count is never
 * negative, an availability never above 1): Student t intervals from few seeds can overshoot both.
 */
export function ciRow(e: Estimate | undefined, min: number, max = Number.POSITIVE_INFINITY): CiRow {
  if (!e) return { mean: null, low: null, high: null };
  const clip = (v: number | null) => (v === null ? null : compact(Math.min(max, Math.max(min, v))));
  return { mean: compact(e.mean), low: clip(e.low), high: clip(e.high) };
}
