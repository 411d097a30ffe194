/** Placement delay at each percentile 0..100 per strategy, pooled over replications (an inverse CDF). */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { CHART_HEIGHT, CHART_WIDTH, compact, LINE_MARK, strategyLines } from "./shared.ts";

export function placementDelayChart(results: Results): TopLevelSpec {
  const values = results.strategies.flatMap((s) =>
    s.placementDelayCurve.map((delay, percentile) => ({
      strategy: s.name,
      percentile,
      delay: compact(delay),
    })),
  );
  return {
    data: { values },
    mark: LINE_MARK,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    encoding: {
      x: {
        field: "percentile",
        type: "quantitative",
        title: "percentile of placed tasks",
        scale: { domain: [0, 100] },
      },
      y: { field: "delay", type: "quantitative", title: "placement delay (s)" },
      ...strategyLines(results),
    },
  };
}
