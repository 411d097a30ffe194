/**
 * CapacityProviderReservation over time (percent, mean over replications), one panel per managed capacity
 * provider, one line per strategy, and a dashed rule at the provider's targetCapacity: managed scaling
 * steers the line toward the rule (above it scales out, below it scales in).
 */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { dynamicsRuns, meanDynamics, seriesKeys } from "./dynamics-data.ts";
import { CHART_HEIGHT, LINE_MARK, strategyLines, timeX } from "./shared.ts";

export function reservationChart(results: Results): TopLevelSpec {
  const providers = seriesKeys(results, (d) => d.reservation);
  const lines = meanDynamics(results, providers, (d, p) => d.reservation[p]).map((r) => ({
    strategy: r.strategy,
    provider: r.key,
    time: r.time,
    value: r.value,
  }));
  const targets = new Map<string, number>();
  for (const { runs } of dynamicsRuns(results))
    for (const d of runs) for (const [p, v] of Object.entries(d.reservationTarget)) targets.set(p, v);
  const rules = [...targets].map(([provider, target]) => ({ provider, target }));
  const width = providers.length > 1 ? 300 : 560;
  return {
    data: { values: [...lines, ...rules] },
    facet: {
      column: { field: "provider", type: "nominal", title: "capacity provider", sort: providers },
    },
    spec: {
      width,
      height: CHART_HEIGHT,
      layer: [
        {
          transform: [{ filter: "isValid(datum.strategy)" }],
          mark: { ...LINE_MARK, tooltip: true },
          encoding: {
            x: timeX(results),
            y: { field: "value", type: "quantitative", title: "reservation (%)" },
            ...strategyLines(results),
          },
        },
        {
          transform: [{ filter: "isValid(datum.target)" }],
          mark: { type: "rule", color: "#222", strokeDash: [6, 4], strokeWidth: 1 },
          encoding: { y: { field: "target", type: "quantitative" } },
        },
        {
          transform: [
            { filter: "isValid(datum.target)" },
            { calculate: "'target ' + datum.target + '%'", as: "label" },
          ],
          mark: { type: "text", align: "right", dx: -2, dy: -6, fontSize: 11, color: "#222" },
          encoding: {
            x: { value: width },
            y: { field: "target", type: "quantitative" },
            text: { field: "label" },
          },
        },
      ],
    },
  };
}
