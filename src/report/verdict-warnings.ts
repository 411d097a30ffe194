/**
 * When a comparison cannot discriminate between strategies, the verdict says so before any number:
 *
 * - saturated: the pending queue grows without bound under a strategy in most replications
 *   (stats/pending-growth.ts): more work arrives than the cluster can place, so the figures measure the
 *   backlog more than the strategy;
 * - identical: two or more strategies produced identical metrics and series in every replication (the
 *   results cannot tell their placements apart; identical placements always give this);
 * - few-replications: fewer than 3 seeds: intervals are absent (1) or very wide (2);
 * - wide-ci: a key metric whose 95% interval is wider than its mean (high - low > |mean|) under some
 *   strategy: more replications are needed before ranking on it.
 */
import { estimate } from "../stats/confidence.ts";
import { pendingGrowth } from "../stats/pending-growth.ts";
import { type KeyMetric, runValues, type StrategyRuns } from "./key-metrics.ts";

export interface VerdictWarning {
  kind: "saturated" | "identical" | "few-replications" | "wide-ci";
  /** The strategies it concerns (all of them for few-replications). */
  strategies: string[];
  /** The key metric, for wide-ci. */
  metric?: string;
  message: string;
}

export const MIN_REPLICATIONS = 3;

const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

function saturation(strategies: StrategyRuns[], warmup: number): VerdictWarning | null {
  const saturated: { name: string; perHour: number }[] = [];
  for (const s of strategies) {
    const growth = s.runs.map((r) => pendingGrowth(r.series.t, r.series.pending, warmup));
    const growing = growth.filter((g) => g?.growing);
    if (growing.length > 0 && growing.length * 2 > s.runs.length) {
      const perHour = growing.reduce((sum, g) => sum + g!.perHour, 0) / growing.length;
      saturated.push({ name: s.name, perHour });
    }
  }
  if (saturated.length === 0) return null;
  const rates = saturated.map((s) => `${s.name} +${s.perHour.toFixed(s.perHour >= 10 ? 0 : 1)}/h`).join(", ");
  return {
    kind: "saturated",
    strategies: saturated.map((s) => s.name),
    message:
      `Saturated cluster: the pending queue grows throughout the run under ${list(saturated.map((s) => s.name))} ` +
      `(${rates}, most replications). More work arrives than the cluster can place, so delays and pending ` +
      "counts measure the backlog rather than the strategy; add capacity or lower the load to compare placement.",
  };
}

/** What must be equal for two strategies' results to be indistinguishable, per run. */
function fingerprint(s: StrategyRuns): string {
  return JSON.stringify(s.runs.map((r) => [r.metrics, r.series, r.dynamics ?? null]));
}

function identical(strategies: StrategyRuns[]): VerdictWarning[] {
  const groups = new Map<string, string[]>();
  for (const s of strategies) {
    const key = fingerprint(s);
    groups.set(key, [...(groups.get(key) ?? []), s.name]);
  }
  return [...groups.values()]
    .filter((names) => names.length > 1)
    .map((names) => ({
      kind: "identical" as const,
      strategies: names,
      message:
        `${list(names)} produced identical results in every replication (every metric and series equal): ` +
        "on this workload they place tasks alike, so the comparison cannot tell them apart.",
    }));
}

function fewReplications(strategies: StrategyRuns[], replications: number): VerdictWarning | null {
  if (replications >= MIN_REPLICATIONS) return null;
  return {
    kind: "few-replications",
    strategies: strategies.map((s) => s.name),
    message:
      `Only ${replications} replication${replications === 1 ? "" : "s"}: ` +
      (replications < 2
        ? "no confidence interval can be computed, so no difference is significant"
        : "confidence intervals are very wide") +
      `; run at least ${MIN_REPLICATIONS} (--seeds ${Math.max(5, MIN_REPLICATIONS)}).`,
  };
}

function wideIntervals(strategies: StrategyRuns[], metrics: KeyMetric[]): VerdictWarning[] {
  return metrics.flatMap((m) => {
    const wide = strategies.filter((s) => {
      const e = estimate(runValues(s, m.path));
      return e.low !== null && e.high !== null && e.mean !== 0 && e.high - e.low > Math.abs(e.mean);
    });
    if (wide.length === 0) return [];
    return [
      {
        kind: "wide-ci" as const,
        strategies: wide.map((s) => s.name),
        metric: m.metric,
        message:
          `${m.label}: the 95% confidence interval is wider than the mean under ${list(wide.map((s) => s.name))}; ` +
          "more replications are needed to rank on it.",
      },
    ];
  });
}

export function verdictWarnings(
  strategies: StrategyRuns[],
  scenario: { warmup: number; seeds: number[] },
  metrics: KeyMetric[],
): VerdictWarning[] {
  const warnings: VerdictWarning[] = [];
  const saturated = saturation(strategies, scenario.warmup);
  if (saturated) warnings.push(saturated);
  if (strategies.length > 1) warnings.push(...identical(strategies));
  const few = fewReplications(strategies, scenario.seeds.length);
  if (few) warnings.push(few);
  warnings.push(...wideIntervals(strategies, metrics));
  return warnings;
}
