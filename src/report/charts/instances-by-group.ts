/**
 * Instances per instance group over time (launching, active and draining; mean over replications), one
 * panel per strategy, a dashed line for instances still launching, and a triangle per scale-out (up) or
 * scale-in (down) event of any replication just above each panel (per sample interval).
 */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { dynamicsRuns, meanDynamics, seriesKeys } from "./dynamics-data.ts";
import { CHART_WIDTH, compact, timeAxis, timeX } from "./shared.ts";

const LAUNCHING = "launching (all groups)";
const PANEL_HEIGHT = 150;
/** Vega's category10-like defaults, so groups keep their colour whatever the number of groups. */
const PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d"];

/** "od-asg (on-demand)", or the bare name for a group no capacity provider backs. */
function groupLabels(results: Results): Map<string, string> {
  const labels = new Map<string, string>();
  for (const { runs } of dynamicsRuns(results))
    for (const d of runs)
      for (const [group, provider] of Object.entries(d.groupProvider))
        labels.set(group, provider ? `${group} (${provider})` : group);
  return labels;
}

/**
 * Scale events of all replications, one mark per (strategy, sample interval, direction) holding the
 * number of events in it: a busy autoscaling run has hundreds, which would otherwise pile up unreadably.
 */
function scaleEventMarks(results: Results) {
  const { secondsPerUnit } = timeAxis(results);
  const every = results.scenario.sampleEvery;
  const marks: { strategy: string; kind: "event"; time: number; event: string; events: number }[] = [];
  for (const { strategy, runs } of dynamicsRuns(results)) {
    const counts = new Map<string, number>();
    for (const d of runs)
      for (const e of d.scaleEvents) {
        const key = `${Math.floor(e.time / every) * every}|${e.direction === "out" ? "scale-out" : "scale-in"}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    for (const [key, events] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const [start, event] = key.split("|") as [string, string];
      marks.push({ strategy, kind: "event", time: compact(Number(start) / secondsPerUnit), event, events });
    }
  }
  return marks;
}

export function instancesByGroupChart(results: Results): TopLevelSpec {
  const groups = seriesKeys(results, (d) => d.instancesByGroup);
  const labels = groupLabels(results);
  const lines = [
    ...meanDynamics(results, groups, (d, g) => d.instancesByGroup[g]).map((r) => ({
      ...r,
      key: labels.get(r.key) ?? r.key,
      kind: "instances",
    })),
    ...meanDynamics(results, [LAUNCHING], (d) => d.launching).map((r) => ({ ...r, kind: "launching" })),
  ];
  const events = scaleEventMarks(results);
  const domain = [...groups.map((g) => labels.get(g) ?? g), LAUNCHING];
  const range = domain.map((_, i) => (i === domain.length - 1 ? "#888888" : PALETTE[i % PALETTE.length]!));
  const x = timeX(results);
  return {
    data: { values: [...lines, ...events] },
    facet: {
      row: {
        field: "strategy",
        type: "nominal",
        title: null,
        sort: results.strategies.map((s) => s.name),
        header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" },
      },
    },
    spec: {
      width: CHART_WIDTH - 80,
      height: PANEL_HEIGHT,
      layer: [
        {
          transform: [{ filter: { field: "kind", oneOf: ["instances", "launching"] } }],
          mark: { type: "line", strokeWidth: 1.5, clip: true, tooltip: true },
          encoding: {
            x,
            y: { field: "value", type: "quantitative", title: "instances", scale: { padding: 6 } },
            color: {
              field: "key",
              type: "nominal",
              title: "instance group (capacity provider)",
              scale: { domain, range },
              legend: { orient: "bottom", direction: "horizontal", labelLimit: 260, titleLimit: 300 },
            },
            strokeDash: {
              field: "kind",
              type: "nominal",
              scale: {
                domain: ["instances", "launching"],
                range: [
                  [1, 0],
                  [4, 3],
                ],
              },
              legend: null,
            },
          },
        },
        ...(events.length > 0
          ? [
              {
                transform: [{ filter: { field: "kind", equal: "event" } }],
                mark: {
                  type: "point" as const,
                  filled: true,
                  size: 24,
                  opacity: 0.45,
                  color: "#444",
                  tooltip: true,
                },
                encoding: {
                  x,
                  // Just above the panel, clear of the lines (which may touch the top at maxSize).
                  y: { value: -5 },
                  shape: {
                    field: "event",
                    type: "nominal" as const,
                    title: "scale event (any replication)",
                    scale: { domain: ["scale-out", "scale-in"], range: ["triangle-up", "triangle-down"] },
                    legend: { orient: "bottom", direction: "horizontal", titleLimit: 300 } as const,
                  },
                },
              },
            ]
          : []),
      ],
    },
  };
}
