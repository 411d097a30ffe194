/**
 * Vega-Lite spec for `berth bench`: mean placement decision time against cluster size, one line per
 * strategy, both axes logarithmic. A strategy whose line is flat scales (an index answers); a line with
 * slope 1 costs time proportional to the cluster (a scan). Error bars: tinybench's 95% margin of error.
 */
import type { TopLevelSpec } from "vega-lite";
import type { DecisionCost } from "../../measure/decision-cost.ts";

export function benchDecisionCostSpec(rows: DecisionCost[], title: string): TopLevelSpec {
  const values = rows.map((r) => ({
    strategy: r.indexed ? r.strategy : `${r.strategy} (scan)`,
    instances: r.instances,
    meanUs: r.meanUs,
    low: r.meanUs * Math.max(0.01, 1 - r.rme / 100),
    high: r.meanUs * (1 + r.rme / 100),
    p99Us: r.p99Us,
    rme: r.rme,
  }));
  const x = {
    field: "instances",
    type: "quantitative",
    scale: { type: "log" },
    title: "instances in cluster",
  } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: 480,
    height: 320,
    data: { values },
    layer: [
      {
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: {
            field: "meanUs",
            type: "quantitative",
            scale: { type: "log" },
            title: "mean decision time (µs, log)",
          },
          color: { field: "strategy", type: "nominal" },
          tooltip: [
            { field: "strategy", type: "nominal" },
            { field: "instances", type: "quantitative" },
            { field: "meanUs", type: "quantitative", title: "mean µs", format: ".3f" },
            { field: "p99Us", type: "quantitative", title: "p99 µs", format: ".3f" },
            { field: "rme", type: "quantitative", title: "± % (95%)", format: ".1f" },
          ],
        },
      },
      {
        mark: "rule",
        encoding: {
          x,
          y: { field: "low", type: "quantitative", scale: { type: "log" } },
          y2: { field: "high" },
          color: { field: "strategy", type: "nominal" },
        },
      },
    ],
  };
}
