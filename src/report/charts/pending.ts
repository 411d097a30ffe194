/** Tasks waiting for placement over time, mean over replications. */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { CHART_HEIGHT, CHART_WIDTH, LINE_MARK, meanSeries, strategyLines, timeX } from "./shared.ts";

export function pendingChart(results: Results): TopLevelSpec {
  return {
    data: { values: meanSeries(results, "pending") },
    mark: LINE_MARK,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    encoding: {
      x: timeX(results),
      y: { field: "value", type: "quantitative", title: "pending tasks" },
      ...strategyLines(results),
    },
  };
}
