/**
 * Instances per instance group over time (launching, active and draining; mean over replications), one
 * panel per strategy, a dashed line for instances still launching, and above each panel two rows of
 * event marks: scale-outs (up triangles) over scale-ins (down triangles) of all replications, binned to at
 * most EVENT_BINS intervals over the horizon and sized by the number of events in the bin, so a busy
 * auto scaling run reads as a few discrete events of different weight rather than a grey band.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { dynamicsRuns, meanDynamics, seriesKeys } from "./dynamics-data.ts";
import { CHART_WIDTH, compact, timeAxis, timeX } from "./shared.ts";

const LAUNCHING = "launching (all groups)";
/** At most this many event bins per panel (each a whole number of sample intervals). */
export const EVENT_BINS = 48;
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

/** Seconds per event bin: whole sample intervals, few enough that the horizon has at most EVENT_BINS. */
export function eventBinSeconds(horizon: number, sampleEvery: number): number {
  return sampleEvery * Math.max(1, Math.ceil(horizon / sampleEvery / EVENT_BINS));
}

/**
 * Scale events of all replications, one mark per (strategy, bin, direction) holding the number of events
 * in it: a busy autoscaling run has hundreds, which would otherwise pile up unreadably.
 */
function scaleEventMarks(results: Results) {
  const { secondsPerUnit } = timeAxis(results);
  const every = eventBinSeconds(results.scenario.horizon, results.scenario.sampleEvery);
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
      // The mark sits at the middle of its bin.
      const time = compact((Number(start) + every / 2) / secondsPerUnit);
      marks.push({ strategy, kind: "event", time, event, events });
    }
  }
  return marks;
}

/** Scale-outs in the upper row, scale-ins just under it, both above the plot (clear of the lines). */
const EVENT_ROWS = [
  { event: "scale-out", y: -15 },
  { event: "scale-in", y: -6 },
] as const;

function eventLayer(x: ReturnType<typeof timeX>, event: string, y: number) {
  return {
    transform: [
      {
        filter: {
          and: [
            { field: "kind", equal: "event" },
            { field: "event", equal: event },
          ],
        },
      },
    ],
    mark: { type: "point" as const, filled: true, color: "#333", opacity: 0.85, tooltip: true },
    encoding: {
      x,
      y: { value: y },
      shape: {
        field: "event",
        type: "nominal" as const,
        title: "scale events (all replications)",
        scale: { domain: ["scale-out", "scale-in"], range: ["triangle-up", "triangle-down"] },
        legend: { orient: "bottom", direction: "horizontal", titleLimit: 300 } as const,
      },
      size: {
        field: "events",
        type: "quantitative" as const,
        title: "events in the interval",
        scale: { range: [18, 160], zero: false },
        legend: { orient: "bottom", direction: "horizontal", titleLimit: 300 } as const,
      },
    },
  };
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
        ...(events.length > 0 ? EVENT_ROWS.map((row) => eventLayer(x, row.event, row.y)) : []),
      ],
    },
  };
}
