/**
 * RUNNING tasks per service over time (mean over replications), one panel per service, one line per
 * strategy: dips show tasks lost to crashes, failures or outages and how fast the service replaced them.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { meanDynamics, seriesKeys } from "./dynamics-data.ts";
import { CHART_WIDTH, LINE_MARK, strategyLines, timeX } from "./shared.ts";

export function servicesRunningChart(results: Results): TopLevelSpec {
  const services = seriesKeys(results, (d) => d.servicesRunning);
  const values = meanDynamics(results, services, (d, s) => d.servicesRunning[s]).map((r) => ({
    strategy: r.strategy,
    service: r.key,
    time: r.time,
    value: r.value,
  }));
  return {
    data: { values },
    facet: {
      row: {
        field: "service",
        type: "nominal",
        title: null,
        sort: services,
        header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" },
      },
    },
    spec: {
      width: CHART_WIDTH - 80,
      height: 130,
      mark: { ...LINE_MARK, tooltip: true },
      encoding: {
        x: timeX(results),
        y: { field: "value", type: "quantitative", title: "running tasks", scale: { padding: 6 } },
        ...strategyLines(results),
      },
    },
    resolve: { scale: { y: "independent" } },
  };
}
