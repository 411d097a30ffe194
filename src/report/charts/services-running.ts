/**
 * RUNNING tasks per service over time (mean over replications), one panel per service, one line per
 * strategy: dips show tasks lost to crashes, failures or outages and how fast the service replaced them.
 * A dotted vertical rule marks each deployment start (the same scheduled time in every replication).
 */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { dynamicsRuns, meanDynamics, seriesKeys } from "./dynamics-data.ts";
import { CHART_WIDTH, compact, LINE_MARK, strategyLines, timeAxis, timeX } from "./shared.ts";

/** One row per (service, deployment start), whatever the strategy or replication; "stalled" if any stalled. */
function deploymentMarks(results: Results) {
  const { secondsPerUnit } = timeAxis(results);
  const marks = new Map<string, { service: string; time: number; deployment: string }>();
  for (const { runs } of dynamicsRuns(results))
    for (const d of runs)
      for (const dep of d.deployments) {
        const key = `${dep.service}|${dep.startedAt}`;
        const stalled = dep.stalledAt !== null || marks.get(key)?.deployment === "stalled";
        marks.set(key, {
          service: dep.service,
          time: compact(dep.startedAt / secondsPerUnit),
          deployment: stalled ? "stalled" : "started",
        });
      }
  return [...marks.values()];
}

export function servicesRunningChart(results: Results): TopLevelSpec {
  const services = seriesKeys(results, (d) => d.servicesRunning);
  const lines = meanDynamics(results, services, (d, s) => d.servicesRunning[s]).map((r) => ({
    strategy: r.strategy,
    service: r.key,
    time: r.time,
    value: r.value,
  }));
  const deployments = deploymentMarks(results);
  const x = timeX(results);
  return {
    data: { values: [...lines, ...deployments] },
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
      layer: [
        {
          transform: [{ filter: "isValid(datum.strategy)" }],
          mark: { ...LINE_MARK, tooltip: true },
          encoding: {
            x,
            y: { field: "value", type: "quantitative", title: "running tasks", scale: { padding: 6 } },
            ...strategyLines(results),
          },
        },
        ...(deployments.length > 0
          ? [
              {
                transform: [{ filter: "isValid(datum.deployment)" }],
                mark: {
                  type: "rule" as const,
                  strokeDash: [2, 3],
                  strokeWidth: 1.5,
                  color: "#555",
                  tooltip: true,
                },
                encoding: { x },
              },
            ]
          : []),
      ],
    },
    resolve: { scale: { y: "independent" } },
  };
}
