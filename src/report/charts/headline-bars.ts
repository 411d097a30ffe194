/**
 * Key headline metrics side by side: one small bar chart per metric (each its own scale), bar = mean over
 * replications, error bar = 95% CI. With one replication there is no interval and no error bar.
 */
import type { TopLevelSpec } from "vega-lite";
import { metricInfo, type Unit } from "../../metrics/catalog.ts";
import { estimateAt } from "../headline.ts";
import type { Results } from "../results.ts";
import { compact, strategyColor } from "./shared.ts";

interface KeyMetric {
  title: string;
  path: string[];
  /** d3-format for the axis. */
  format: string;
}

/** Axis formats by the catalog's unit. */
const AXIS_FORMAT: Record<Unit, string> = {
  fraction: ".0%",
  count: "~r",
  seconds: ",.0f",
  dollars: ",.2f",
  ratio: ".2f",
};

const KEY_METRICS: KeyMetric[] = [
  "utilization.memory",
  "utilization.cpu",
  "instancesInUse.mean",
  "placementDelay.p95",
].map((path) => {
  const m = metricInfo(path)!;
  const title = m.unit === "seconds" ? `${m.title} (s)` : m.title;
  return { title, path: path.split("."), format: AXIS_FORMAT[m.unit] };
});

const orNull = (v: number | null): number | null => (v === null ? null : compact(v));

export function headlineBarsChart(results: Results): TopLevelSpec {
  const values = KEY_METRICS.flatMap((m) =>
    results.strategies.map((s) => {
      const e = estimateAt(s.summary, m.path);
      return {
        metric: m.title,
        strategy: s.name,
        mean: e ? compact(e.mean) : null,
        low: orNull(e?.low ?? null),
        high: orNull(e?.high ?? null),
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
  const hasInterval = (m: KeyMetric) => values.some((v) => v.metric === m.title && v.low !== null);
  return {
    data: { values },
    hconcat: KEY_METRICS.map((m) => ({
      title: { text: m.title, fontSize: 12 },
      width: 140,
      height: 180,
      transform: [{ filter: { field: "metric", equal: m.title } }],
      layer: [
        {
          mark: { type: "bar", tooltip: true },
          encoding: {
            x,
            y: { field: "mean", type: "quantitative", title: null, axis: { format: m.format } },
            color: { ...strategyColor(results), legend: null },
          },
        },
        ...(hasInterval(m)
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
