/**
 * How long each strategy takes to decide a placement, in wall-clock microseconds: per replication, the
 * median (p50) and p99 of the sampled decisions (every 8th arriving task, timing.decisionTimeUs), on a
 * log scale so a scan and an index decision both read. Wall-clock figures depend on the machine and its
 * load and are the one part of results.json that is not deterministic; the chart says so in its caption.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { CHART_WIDTH, compact, strategyColor } from "./shared.ts";

const STATISTICS = ["p50", "p99"] as const;

interface Row {
  strategy: string;
  seed: number;
  statistic: (typeof STATISTICS)[number];
  us: number;
}

/** One point per (strategy, replication, statistic); runs without sampled decisions are left out. */
export function decisionTimeRows(results: Results): Row[] {
  return results.strategies.flatMap((s) =>
    s.runs.flatMap((r) =>
      r.timing.decisions > 0 && r.timing.decisionTimeUs.p99 > 0
        ? STATISTICS.map((statistic) => ({
            strategy: s.name,
            seed: r.seed,
            statistic,
            // A log scale cannot show 0: a decision faster than the timer's resolution reads as 0.001 µs.
            us: compact(Math.max(0.001, r.timing.decisionTimeUs[statistic])),
          }))
        : [],
    ),
  );
}

export function decisionTimeChart(results: Results): TopLevelSpec {
  return {
    data: { values: decisionTimeRows(results) },
    mark: { type: "point", filled: true, size: 60, opacity: 0.8, tooltip: true },
    width: CHART_WIDTH - 120,
    height: Math.max(80, 34 * results.strategies.length),
    encoding: {
      y: { field: "strategy", type: "nominal", title: null, sort: results.strategies.map((s) => s.name) },
      x: {
        field: "us",
        type: "quantitative",
        title: "wall-clock microseconds per placement decision (log scale)",
        scale: { type: "log" },
      },
      yOffset: { field: "statistic", type: "nominal", sort: [...STATISTICS] },
      color: { ...strategyColor(results), legend: null },
      shape: {
        field: "statistic",
        type: "nominal",
        title: "per replication",
        sort: [...STATISTICS],
        scale: { domain: [...STATISTICS], range: ["circle", "triangle-right"] },
        legend: { orient: "bottom", direction: "horizontal" },
      },
    },
  };
}

export function decisionTimeEmpty(results: Results): string | undefined {
  return decisionTimeRows(results).length > 0
    ? undefined
    : "No placement decision was timed in these runs (no task arrived for an instance to be chosen).";
}
