/**
 * What the dynamics cost, per strategy: tasks lost, container failures, start failures and instances lost
 * per replication, as grouped bars (mean) with the 95% CI as a whisker (none with one replication).
 */
import type { TopLevelSpec } from "vega-lite";
import { metricInfo } from "../../metrics/catalog.ts";
import { estimateAt } from "../headline.ts";
import type { Results } from "../results.ts";
import { ciRow } from "./dynamics-data.ts";
import { CHART_HEIGHT, strategyColor, whiskerLayers } from "./shared.ts";

export const DYNAMICS_COUNTS = ["tasksLost", "containerFailures", "startFailures", "instancesLost"].map(
  (key) => ({ key, title: metricInfo(`dynamics.${key}`)!.title }),
);

export function dynamicsCountsChart(results: Results): TopLevelSpec {
  const values = DYNAMICS_COUNTS.flatMap((m) =>
    results.strategies.map((s) => ({
      metric: m.title,
      strategy: s.name,
      ...ciRow(estimateAt(s.summary, ["dynamics", m.key]), 0),
    })),
  );
  const x = {
    field: "metric",
    type: "nominal",
    title: null,
    sort: DYNAMICS_COUNTS.map((m) => m.title),
    axis: { labelAngle: 0 },
  } as const;
  const xOffset = {
    field: "strategy",
    type: "nominal",
    sort: results.strategies.map((s) => s.name),
  } as const;
  return {
    data: { values },
    width: 560,
    height: CHART_HEIGHT,
    layer: [
      {
        mark: { type: "bar", tooltip: true },
        encoding: {
          x,
          xOffset,
          y: { field: "mean", type: "quantitative", title: "per replication" },
          color: strategyColor(results),
        },
      },
      ...whiskerLayers(values, { x, xOffset, y: { title: "per replication" } }),
    ],
  };
}

/** Why there are no bars: no task lost or failed and no instance lost in any run. */
export function dynamicsCountsEmpty(results: Results): string | undefined {
  const any = results.strategies.some((s) =>
    DYNAMICS_COUNTS.some((m) => (estimateAt(s.summary, ["dynamics", m.key])?.mean ?? 0) !== 0),
  );
  return any
    ? undefined
    : "No task was lost, no container or task start failed and no instance was lost in any run.";
}
