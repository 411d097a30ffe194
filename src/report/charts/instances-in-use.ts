/** Instances holding at least one task over time, mean over replications: what a packer saves. */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { CHART_HEIGHT, CHART_WIDTH, LINE_MARK, meanSeries, strategyLines, timeX } from "./shared.ts";

export function instancesInUseChart(results: Results): TopLevelSpec {
  return {
    data: { values: meanSeries(results, "instancesInUse") },
    mark: LINE_MARK,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    encoding: {
      x: timeX(results),
      y: { field: "value", type: "quantitative", title: "instances in use" },
      ...strategyLines(results),
    },
  };
}
