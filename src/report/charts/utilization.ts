/** Reserved / registered CPU and memory over time, one panel per resource, mean over replications. */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { CHART_HEIGHT, LINE_MARK, meanSeries, strategyLines, timeX } from "./shared.ts";

export function utilizationChart(results: Results): TopLevelSpec {
  const values = [
    ...meanSeries(results, "cpu").map((r) => ({ ...r, resource: "cpu" })),
    ...meanSeries(results, "memory").map((r) => ({ ...r, resource: "memory" })),
  ];
  return {
    data: { values },
    mark: LINE_MARK,
    width: 300,
    height: CHART_HEIGHT,
    encoding: {
      column: { field: "resource", type: "nominal", title: null, sort: ["cpu", "memory"] },
      x: timeX(results),
      y: {
        field: "value",
        type: "quantitative",
        title: "reserved / registered",
        axis: { format: ".0%" },
        scale: { domain: [0, 1] },
      },
      ...strategyLines(results),
    },
  };
}
