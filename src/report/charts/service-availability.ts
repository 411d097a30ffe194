/**
 * Service availability: the share of the measured window each service had at least desiredCount tasks
 * RUNNING, per strategy (mean over replications, 95% CI whisker, the mean printed above the bar because
 * differences near 100% are too small to see as bar heights).
 */
import type { TopLevelSpec } from "vega-lite";
import { estimateAt } from "../headline.ts";
import type { Results } from "../results.ts";
import { ciRow, seriesKeys } from "./dynamics-data.ts";
import { CHART_HEIGHT, strategyColor, whiskerLayers } from "./shared.ts";

/** Services with an availability estimate, in the order the dynamics series list them. */
export function availabilityServices(results: Results): string[] {
  return seriesKeys(results, (d) => d.servicesRunning).filter((svc) =>
    results.strategies.some((s) => estimateAt(s.summary, ["dynamics", "services", svc, "availability"])),
  );
}

export function serviceAvailabilityChart(results: Results): TopLevelSpec {
  const services = availabilityServices(results);
  const values = services.flatMap((service) =>
    results.strategies.map((s) => ({
      service,
      strategy: s.name,
      ...ciRow(estimateAt(s.summary, ["dynamics", "services", service, "availability"]), 0, 1),
    })),
  );
  const x = {
    field: "service",
    type: "nominal",
    title: "service",
    sort: services,
    axis: { labelAngle: 0 },
  } as const;
  const xOffset = {
    field: "strategy",
    type: "nominal",
    sort: results.strategies.map((s) => s.name),
  } as const;
  const y = {
    field: "mean",
    type: "quantitative" as const,
    title: "availability",
    axis: { format: ".0%" },
    scale: { domain: [0, 1.08] },
  };
  return {
    data: { values },
    width: Math.max(200, Math.min(560, services.length * results.strategies.length * 60)),
    height: CHART_HEIGHT,
    layer: [
      {
        mark: { type: "bar", tooltip: true },
        encoding: { x, xOffset, y, color: strategyColor(results) },
      },
      {
        mark: { type: "text", dy: -5, fontSize: 10, color: "#222" },
        encoding: { x, xOffset, y, text: { field: "mean", type: "quantitative", format: ".1%" } },
      },
      ...whiskerLayers(values, { x, xOffset, y }),
    ],
  };
}
