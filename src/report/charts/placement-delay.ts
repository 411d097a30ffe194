/**
 * Placement delay at each percentile 0..100 per strategy, pooled over replications (an inverse CDF), and
 * beside it the share of submitted tasks never placed: the curve covers placed tasks only, so a strategy
 * that leaves tasks unplaced would otherwise look faster than it is.
 */
import type { TopLevelSpec } from "vega-lite";
import { meanNeverPlaced } from "../never-placed.ts";
import type { Results } from "../results.ts";
import { CHART_HEIGHT, CHART_WIDTH, compact, LINE_MARK, strategyColor, strategyLines } from "./shared.ts";

const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.001 ? 2 : 1)}%`;

function curveRows(results: Results) {
  return results.strategies.flatMap((s) =>
    s.placementDelayCurve.map((delay, percentile) => ({
      strategy: s.name,
      percentile,
      delay: compact(delay),
    })),
  );
}

const curve = (results: Results, width: number) => ({
  transform: [{ filter: "isValid(datum.percentile)" }],
  mark: LINE_MARK,
  width,
  height: CHART_HEIGHT,
  encoding: {
    x: {
      field: "percentile",
      type: "quantitative" as const,
      title: "percentile of placed tasks",
      scale: { domain: [0, 100] },
    },
    y: { field: "delay", type: "quantitative" as const, title: "placement delay (s)" },
    ...strategyLines(results),
  },
});

export function placementDelayChart(results: Results): TopLevelSpec {
  const never = meanNeverPlaced(results.strategies);
  const values = [
    ...curveRows(results),
    ...never.map((n) => ({ strategy: n.strategy, neverPlaced: compact(n.share) })),
  ];
  if (!never.some((n) => n.share > 0))
    return { data: { values: curveRows(results) }, ...curve(results, CHART_WIDTH) };
  return {
    data: { values },
    hconcat: [
      curve(results, CHART_WIDTH - 200),
      {
        transform: [{ filter: "isValid(datum.neverPlaced)" }],
        title: { text: "never placed", fontSize: 12 },
        mark: { type: "bar" as const, tooltip: true },
        width: 120,
        height: CHART_HEIGHT,
        encoding: {
          x: {
            field: "strategy",
            type: "nominal" as const,
            title: null,
            sort: null,
            axis: { labelAngle: -30 },
          },
          y: {
            field: "neverPlaced",
            type: "quantitative" as const,
            title: "share of submitted tasks",
            axis: { format: ".0%" },
          },
          color: strategyColor(results),
        },
      },
    ],
  };
}

/** Why there is no curve to draw: no task placed after warm-up, or every one placed at once. */
export function placementDelayEmpty(results: Results): string | undefined {
  const curves = results.strategies.map((s) => s.placementDelayCurve);
  if (curves.every((c) => c.length === 0))
    return "No task submitted after the warm-up was placed in any run, so there is no delay to show.";
  if (curves.every((c) => c.every((d) => d === 0)))
    return "Every placed task was placed at submission (delay 0 s at every percentile, in every run).";
  return undefined;
}

/** The never-placed share per strategy, as one line (always shown: 0% is worth knowing too). */
export function neverPlacedNote(results: Results): string {
  const never = meanNeverPlaced(results.strategies);
  if (never.every((n) => n.share === 0))
    return "Never placed: none. Every submitted task was placed in every run.";
  return `Never placed (failed, withdrawn while pending or still pending at the end; share of submitted tasks, mean over replications): ${never
    .map((n) => `${n.strategy} ${pct(n.share)}`)
    .join(", ")}. The curve covers placed tasks only.`;
}
