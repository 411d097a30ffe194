/**
 * The key metrics that differ between strategies, side by side: one small bar chart per metric (each its
 * own scale), bar = mean over replications, error bar = 95% CI clipped to the metric's natural range
 * (counts, seconds and dollars at 0, shares to 0..100%). The metrics are chosen from the data: the verdict's
 * key metrics with a significant winner first, then those whose means differ at all, at most MAX_PANELS.
 * With one replication there is no interval and no error bar.
 */
import type { TopLevelSpec } from "vega-lite";
import { estimate } from "../../stats/confidence.ts";
import { runValues } from "../key-metrics.ts";
import type { Results } from "../results.ts";
import type { Unit } from "../units.ts";
import type { VerdictEntry } from "../verdict.ts";
import { compact, strategyColor } from "./shared.ts";

const MAX_PANELS = 5;

const AXIS_FORMAT: Record<Unit, string> = {
  fraction: ".0%",
  count: "~r",
  seconds: ",.0f",
  dollars: "$,.2f",
  ratio: ".2f",
};

/** Whether the strategies' means of an entry's metric differ at all. */
function differs(results: Results, e: VerdictEntry): boolean {
  const path = e.metric.split(".");
  const means = results.strategies.map((s) => estimate(runValues(s, path)).mean);
  const max = Math.max(...means.map(Math.abs));
  return Math.max(...means) - Math.min(...means) > 1e-9 * Math.max(1, max);
}

/** The metrics the bars show: significant winners first, then any that differ; none when nothing does. */
export function barMetrics(results: Results): VerdictEntry[] {
  const entries = results.verdict.entries;
  const significant = entries.filter((e) => e.significant);
  const other = entries.filter((e) => !e.significant && differs(results, e));
  return [...significant, ...other].slice(0, MAX_PANELS);
}

/** The metric's path; a service name may contain dots, so availability is split around it. */
function pathOf(e: VerdictEntry): string[] {
  const service = /^dynamics\.services\.(.+)\.availability$/.exec(e.metric);
  return service ? ["dynamics", "services", service[1]!, "availability"] : e.metric.split(".");
}

const clip = (unit: Unit, v: number): number =>
  unit === "fraction" ? Math.min(1, Math.max(0, v)) : Math.max(0, v);

export function headlineBarsChart(results: Results): TopLevelSpec {
  const metrics = barMetrics(results).map((e) => ({
    e,
    title: e.unit === "seconds" ? `${e.label} (s)` : e.label,
    path: pathOf(e),
  }));
  const values = metrics.flatMap((m) =>
    results.strategies.map((s) => {
      const est = estimate(runValues(s, m.path));
      return {
        metric: m.title,
        strategy: s.name,
        mean: compact(est.mean),
        low: est.low === null ? null : compact(clip(m.e.unit, est.low)),
        high: est.high === null ? null : compact(clip(m.e.unit, est.high)),
      };
    }),
  );
  const x = {
    field: "strategy",
    type: "nominal",
    title: null,
    sort: null,
    axis: { labelAngle: -30 },
  } as const;
  // A whisker layer with no rows at all (one replication) would give its scale an empty, infinite extent.
  const hasInterval = (title: string) => values.some((v) => v.metric === title && v.low !== null);
  return {
    data: { values },
    hconcat: metrics.map((m) => ({
      title: { text: m.title, fontSize: 12 },
      width: 130,
      height: 180,
      transform: [{ filter: { field: "metric", equal: m.title } }],
      layer: [
        {
          mark: { type: "bar", tooltip: true },
          encoding: {
            x,
            y: { field: "mean", type: "quantitative", title: null, axis: { format: AXIS_FORMAT[m.e.unit] } },
            color: { ...strategyColor(results), legend: null },
          },
        },
        ...(hasInterval(m.title)
          ? [
              {
                mark: { type: "errorbar", ticks: true, color: "#222" },
                encoding: {
                  x,
                  y: { field: "low", type: "quantitative", title: null },
                  y2: { field: "high" },
                },
              } as const,
            ]
          : []),
      ],
    })),
    resolve: { scale: { y: "independent" } },
  };
}

/** Why there are no bars: a single strategy, or no key metric whose mean differs. */
export function headlineBarsEmpty(results: Results): string | undefined {
  if (barMetrics(results).length > 0) return undefined;
  return results.strategies.length < 2
    ? "Only one strategy ran, so there is nothing to compare."
    : "No key metric differs between the strategies in these runs (same means on every one).";
}
