/**
 * The verdict: which strategy is best on each key metric, by how much, and whether that is more than
 * noise; plus the warnings that say when the comparison cannot discriminate. It is data (results.json
 * `verdict`); the HTML report, summary.md and the terminal only render it (verdict-text.ts).
 *
 * Per key metric (key-metrics.ts):
 *   best          = the strategy with the best mean over replications (first in run order on a tie);
 *   comparedWith  = the baseline, or the runner-up (next best mean) when the baseline is itself best;
 *   difference    = paired over the same seeds: d_s = x_s(best) - x_s(comparedWith), mean, 95% Student t
 *                   interval, relative change against comparedWith's mean (stats/paired.ts);
 *   significant   = the interval excludes 0 (needs 2 or more replications).
 * Only a significant difference names a winner; otherwise the verdict says "no significant difference".
 */
import { type PairedDifference, pairedDifference } from "../stats/paired.ts";
import { type KeyMetric, keyMetrics, runValues, type StrategyRuns } from "./key-metrics.ts";
import type { Unit } from "./units.ts";
import { type VerdictWarning, verdictWarnings } from "./verdict-warnings.ts";

export interface VerdictEntry {
  metric: string;
  label: string;
  unit: Unit;
  better: "lower" | "higher";
  /** Strategy with the best mean; null with a single strategy. */
  best: string | null;
  bestMean: number;
  /** The baseline, or the runner-up when the baseline has the best mean; null with a single strategy. */
  comparedWith: string | null;
  comparedMean: number | null;
  /** best - comparedWith, paired by seed; null with a single strategy. */
  difference: Omit<PairedDifference, "baselineMean"> | null;
  significant: boolean;
}

export interface TradeOff {
  /** `first` is significantly better than `second` on `firstMetric`, and the reverse on `secondMetric`. */
  first: string;
  second: string;
  firstMetric: string;
  secondMetric: string;
  /** first - second on firstMetric, and second - first on secondMetric (paired). */
  firstDifference: Omit<PairedDifference, "baselineMean">;
  secondDifference: Omit<PairedDifference, "baselineMean">;
}

export interface Verdict {
  baseline: string;
  replications: number;
  entries: VerdictEntry[];
  /** Two strategies that each win on a different metric, when there are such; null otherwise. */
  tradeOff: TradeOff | null;
  warnings: VerdictWarning[];
}

const isBetter = (better: "lower" | "higher", a: number, b: number) => (better === "lower" ? a < b : a > b);

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

function paired(a: StrategyRuns, b: StrategyRuns, m: KeyMetric): Omit<PairedDifference, "baselineMean"> {
  const { baselineMean: _, ...d } = pairedDifference(runValues(a, m.path), runValues(b, m.path));
  return d;
}

function entryFor(strategies: StrategyRuns[], baseline: string, m: KeyMetric): VerdictEntry {
  const means = strategies.map((s) => mean(runValues(s, m.path)));
  let bestAt = 0;
  means.forEach((v, i) => {
    if (isBetter(m.better, v, means[bestAt]!)) bestAt = i;
  });
  const best = strategies[bestAt];
  const base = { metric: m.metric, label: m.label, unit: m.unit, better: m.better };
  if (!best || strategies.length < 2) {
    return {
      ...base,
      best: best?.name ?? null,
      bestMean: means[bestAt] ?? 0,
      comparedWith: null,
      comparedMean: null,
      difference: null,
      significant: false,
    };
  }
  let otherAt = strategies.findIndex((s) => s.name === baseline);
  if (otherAt === bestAt || otherAt < 0) {
    // The baseline is best: compare it with the runner-up, the next best mean.
    otherAt = -1;
    means.forEach((v, i) => {
      if (i !== bestAt && (otherAt < 0 || isBetter(m.better, v, means[otherAt]!))) otherAt = i;
    });
  }
  const other = strategies[otherAt]!;
  const difference = paired(best, other, m);
  return {
    ...base,
    best: best.name,
    bestMean: means[bestAt]!,
    comparedWith: other.name,
    comparedMean: means[otherAt]!,
    difference,
    // Significant in the better direction (the best mean cannot be significantly worse, but be explicit).
    significant: difference.significant && isBetter(m.better, difference.meanDifference, 0),
  };
}

/**
 * The first pair of strategies that each significantly beat the other on some key metric, in key-metric
 * order: the winner of the first significant entry against the first other winner.
 */
function tradeOffOf(
  strategies: StrategyRuns[],
  metrics: KeyMetric[],
  entries: VerdictEntry[],
): TradeOff | null {
  const byName = new Map(strategies.map((s) => [s.name, s]));
  const wins = entries.flatMap((e, i) => (e.significant && e.best ? [{ e, m: metrics[i]! }] : []));
  for (const first of wins) {
    for (const second of wins) {
      if (second.e.best === first.e.best) continue;
      const a = byName.get(first.e.best!)!;
      const b = byName.get(second.e.best!)!;
      const firstDifference = paired(a, b, first.m);
      const secondDifference = paired(b, a, second.m);
      const wins1 =
        firstDifference.significant && isBetter(first.m.better, firstDifference.meanDifference, 0);
      const wins2 =
        secondDifference.significant && isBetter(second.m.better, secondDifference.meanDifference, 0);
      if (wins1 && wins2) {
        return {
          first: a.name,
          second: b.name,
          firstMetric: first.e.metric,
          secondMetric: second.e.metric,
          firstDifference,
          secondDifference,
        };
      }
    }
  }
  return null;
}

export function buildVerdict(
  strategies: StrategyRuns[],
  baseline: string,
  scenario: { warmup: number; seeds: number[] },
): Verdict {
  const metrics = keyMetrics(strategies);
  const entries = metrics.map((m) => entryFor(strategies, baseline, m));
  return {
    baseline,
    replications: scenario.seeds.length,
    entries,
    tradeOff: tradeOffOf(strategies, metrics, entries),
    warnings: verdictWarnings(strategies, scenario, metrics),
  };
}
