/**
 * The rebalancing charts (issue 14; docs/dynamics.md), registered in index.ts with one line (REBALANCING_CHARTS):
 *
 * zoneBalance     per REPLICA service (rows) and strategy (columns), the band between the fewest and the
 *                 most RUNNING tasks in one zone over time (mean over replications): a thin band is a
 *                 balanced service, a wide one a lopsided service; the same service with and without a
 *                 rebalancer side by side.
 * instancesFreed  per strategy, the time-weighted instances in use (bar, 95% CI whisker) and the packing
 *                 lower bound of its running tasks (black tick, mean over the measured window and the
 *                 replications): the gap between bar and tick is what better packing could still free, and
 *                 a strategy with a rebalancer against the same one without shows how much it closed.
 */
import type { TopLevelSpec } from "vega-lite";
import { estimateAt } from "../headline.ts";
import type { Results } from "../results.ts";
import type { ChartEntry } from "./chart-entry.ts";
import { ciRow, dynamicsRuns, meanDynamics, seriesKeys } from "./dynamics-data.ts";
import { CHART_HEIGHT, CHART_WIDTH, compact, strategyColor, timeX, whiskerLayers } from "./shared.ts";

export type RebalancingChartId = "zoneBalance" | "instancesFreed";

/** Replica services whose tasks ever ran in two zones or more (zone balance means something for them). */
export function zoneServices(results: Results): string[] {
  const keys = seriesKeys(results, (d) => d.zoneTasksMax ?? {});
  return keys.filter((svc) =>
    dynamicsRuns(results).some(({ runs }) =>
      runs.some((d) => (d.zoneTasksMax?.[svc] ?? []).some((most, k) => most !== d.zoneTasksMin?.[svc]?.[k])),
    ),
  );
}

export function zoneBalanceChart(results: Results): TopLevelSpec {
  const services = zoneServices(results);
  const most = meanDynamics(results, services, (d, s) => d.zoneTasksMax?.[s]);
  const fewest = meanDynamics(results, services, (d, s) => d.zoneTasksMin?.[s]);
  const key = (r: { strategy: string; key: string; time: number }) => `${r.strategy}|${r.key}|${r.time}`;
  const low = new Map(fewest.map((r) => [key(r), r.value]));
  const values = most.map((r) => ({
    strategy: r.strategy,
    service: r.key,
    time: r.time,
    most: r.value,
    fewest: low.get(key(r)) ?? r.value,
  }));
  const strategies = results.strategies.map((s) => s.name);
  return {
    data: { values },
    facet: {
      row: { field: "service", type: "nominal", title: null, sort: services },
      column: { field: "strategy", type: "nominal", title: null, sort: strategies },
    },
    spec: {
      width: Math.max(140, Math.floor((CHART_WIDTH - 60) / Math.max(1, strategies.length))),
      height: 110,
      layer: [
        {
          mark: { type: "area", opacity: 0.35, tooltip: true },
          encoding: {
            x: timeX(results),
            y: { field: "most", type: "quantitative", title: "tasks in one zone" },
            y2: { field: "fewest" },
            color: strategyColor(results),
          },
        },
        {
          mark: { type: "line", strokeWidth: 1.2 },
          encoding: {
            x: timeX(results),
            y: { field: "most", type: "quantitative" },
            color: strategyColor(results),
          },
        },
        {
          mark: { type: "line", strokeWidth: 1.2, strokeDash: [3, 2] },
          encoding: {
            x: timeX(results),
            y: { field: "fewest", type: "quantitative" },
            color: strategyColor(results),
          },
        },
      ],
    },
    resolve: { scale: { y: "shared" } },
  };
}

/** Mean over a strategy's runs of its mean packing lower bound over the measured window (null: no sample). */
function meanLowerBound(results: Results, strategy: Results["strategies"][number]): number | null {
  const warmup = results.scenario.warmup;
  const perRun = strategy.runs.flatMap((r) => {
    const values = r.series.lowerBound.filter((_, k) => r.series.t[k]! >= warmup);
    return values.length > 0 ? [values.reduce((a, b) => a + b, 0) / values.length] : [];
  });
  return perRun.length > 0 ? compact(perRun.reduce((a, b) => a + b, 0) / perRun.length) : null;
}

/** Whether some run moved tasks or vacated instances by rebalancing. */
export function rebalanced(results: Results): boolean {
  return results.strategies.some((s) =>
    s.runs.some(
      (r) => (r.metrics.dynamics?.tasksMoved ?? 0) > 0 || (r.metrics.dynamics?.instancesVacated ?? 0) > 0,
    ),
  );
}

export function instancesFreedChart(results: Results): TopLevelSpec {
  const values = results.strategies.map((s) => ({
    strategy: s.name,
    ...ciRow(estimateAt(s.summary, ["instancesInUse", "mean"]), 0),
    lowerBound: meanLowerBound(results, s),
  }));
  const x = {
    field: "strategy",
    type: "nominal",
    title: null,
    sort: results.strategies.map((s) => s.name),
    axis: { labelAngle: -15, labelLimit: 260 },
  } as const;
  const y = { field: "mean", type: "quantitative" as const, title: "instances in use (time-weighted)" };
  return {
    data: { values },
    width: Math.max(200, Math.min(CHART_WIDTH - 80, results.strategies.length * 110)),
    height: CHART_HEIGHT,
    layer: [
      { mark: { type: "bar", tooltip: true }, encoding: { x, y, color: strategyColor(results) } },
      ...whiskerLayers<typeof x, undefined>(values, { x, y }),
      {
        transform: [{ filter: "isValid(datum.lowerBound)" }],
        mark: { type: "tick", color: "#111", thickness: 3, tooltip: true },
        encoding: { x, y: { field: "lowerBound", type: "quantitative" } },
      },
    ],
  };
}

export const REBALANCING_CHARTS = {
  zoneBalance: {
    title: "Zone balance per service over time",
    caption:
      "For each service (rows) under each strategy (columns), the shaded band runs from the fewest (dashed) " +
      "to the most (solid) RUNNING tasks the service has in one Availability Zone, over the zones with an " +
      "active instance, averaged over replications. A thin band is a balanced service; a band that widens " +
      "after an outage and stays wide is one nobody rebalanced.",
    build: zoneBalanceChart,
    applies: (results: Results) => zoneServices(results).length > 0,
  },
  instancesFreed: {
    title: "Instances freed by rebalancing",
    caption:
      "Per strategy, the time-weighted mean of instances holding a task (bar; whisker: 95% confidence " +
      "interval) and the packing lower bound of the tasks it ran (black tick: the fewest instances that could " +
      "hold them, averaged over the measured window). The gap between bar and tick is capacity better packing " +
      "could still free; compare a strategy with its rebalancer against the same strategy without.",
    build: instancesFreedChart,
    applies: rebalanced,
  },
} satisfies Record<RebalancingChartId, ChartEntry>;
