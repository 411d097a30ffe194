/** Stranded (unusable free) CPU and memory over time, one panel per resource: fragmentation. */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { CHART_HEIGHT, LINE_MARK, meanSeries, strategyLines, timeX } from "./shared.ts";

export function strandedChart(results: Results): TopLevelSpec {
  const values = [
    ...meanSeries(results, "strandedCpu").map((r) => ({ ...r, resource: "cpu" })),
    ...meanSeries(results, "strandedMemory").map((r) => ({ ...r, resource: "memory" })),
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
        title: "stranded / registered",
        axis: { format: ".0%" },
      },
      ...strategyLines(results),
    },
  };
}
