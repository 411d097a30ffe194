/**
 * Data shaping and encodings shared by the chart builders: the per-strategy mean of a sampled series,
 * one time axis and one strategy colour scale, so every chart of a report reads the same way.
 */
import type { TopLevelSpec } from "vega-lite";
import type { RunSeries } from "../../metrics/run-metrics.ts";
import type { Results } from "../results.ts";

export type SeriesKey = Exclude<keyof RunSeries, "t">;

export interface SeriesRow {
  strategy: string;
  /** Sample time in the axis unit of `timeAxis` (minutes or hours). */
  time: number;
  value: number;
}

/** Inlined data stays small: 5 significant digits is far below what a chart can show. */
export const compact = (v: number): number => Number(v.toPrecision(5));

export interface TimeAxis {
  title: string;
  secondsPerUnit: number;
}

/** Hours for runs of two hours or more, minutes below that. */
export function timeAxis(results: Results): TimeAxis {
  return results.scenario.horizon >= 7200
    ? { title: "simulated time (hours)", secondsPerUnit: 3600 }
    : { title: "simulated time (minutes)", secondsPerUnit: 60 };
}

/**
 * Mean over replications of one series at each sample time. Samples are matched by time, not index, so a
 * run that stopped sampling early still averages correctly over the runs that have that time.
 */
export function meanSeries(results: Results, key: SeriesKey): SeriesRow[] {
  const { secondsPerUnit } = timeAxis(results);
  const rows: SeriesRow[] = [];
  for (const s of results.strategies) {
    const sums = new Map<number, { sum: number; n: number }>();
    for (const run of s.runs) {
      const values = run.series[key];
      run.series.t.forEach((t, i) => {
        const acc = sums.get(t) ?? { sum: 0, n: 0 };
        acc.sum += values[i]!;
        acc.n += 1;
        sums.set(t, acc);
      });
    }
    for (const [t, { sum, n }] of [...sums].sort((a, b) => a[0] - b[0])) {
      rows.push({ strategy: s.name, time: compact(t / secondsPerUnit), value: compact(sum / n) });
    }
  }
  return rows;
}

/** The same strategy gets the same colour in every chart, in scenario order. */
export function strategyColor(results: Results) {
  return {
    field: "strategy",
    type: "nominal",
    title: "strategy",
    scale: { domain: results.strategies.map((s) => s.name) },
    legend: { orient: "bottom", direction: "horizontal" },
  } as const;
}

export function timeX(results: Results) {
  return { field: "time", type: "quantitative", title: timeAxis(results).title } as const;
}

/**
 * Colour and dash both keyed by strategy (one merged legend): dashes tell apart strategies whose lines
 * coincide, which is common when the cluster is saturated.
 */
export function strategyLines(results: Results) {
  return { color: strategyColor(results), strokeDash: strategyColor(results) } as const;
}

export const LINE_MARK = { type: "line", strokeWidth: 1.5, clip: true } as const;

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 220;

/** A fraction-of-registered series for CPU and memory, one panel per resource, a line per strategy. */
export function cpuMemoryPanels(
  results: Results,
  keys: { cpu: SeriesKey; memory: SeriesKey },
  yTitle: string,
  yScale?: { domain: [number, number] },
): TopLevelSpec {
  const values = [
    ...meanSeries(results, keys.cpu).map((r) => ({ ...r, resource: "cpu" })),
    ...meanSeries(results, keys.memory).map((r) => ({ ...r, resource: "memory" })),
  ];
  return {
    data: { values },
    mark: LINE_MARK,
    width: 300,
    height: CHART_HEIGHT,
    encoding: {
      column: { field: "resource", type: "nominal", title: null, sort: ["cpu", "memory"] },
      x: timeX(results),
      y: {
        field: "value",
        type: "quantitative",
        title: yTitle,
        axis: { format: ".0%" },
        ...(yScale ? { scale: yScale } : {}),
      },
      ...strategyLines(results),
    },
  };
}

/**
 * The 95% CI whiskers over a bar layer (rows with `low`/`high`), or no layer at all when no row has an
 * interval: with one replication an empty whisker layer would give its scale an empty extent.
 */
export function whiskerLayers<X, O>(
  values: { low: number | null }[],
  encoding: { x: X; xOffset?: O; y: { title?: string | null } },
) {
  if (!values.some((v) => v.low !== null)) return [];
  return [
    {
      transform: [{ filter: "isValid(datum.low)" }],
      mark: { type: "errorbar" as const, ticks: true, color: "#222" },
      encoding: {
        ...encoding,
        y: { ...encoding.y, field: "low", type: "quantitative" as const },
        y2: { field: "high" },
      },
    },
  ];
}

/** One series over time, mean over replications, a line per strategy. */
export function seriesLines(results: Results, key: SeriesKey, yTitle: string): TopLevelSpec {
  return {
    data: { values: meanSeries(results, key) },
    mark: LINE_MARK,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    encoding: {
      x: timeX(results),
      y: { field: "value", type: "quantitative", title: yTitle },
      ...strategyLines(results),
    },
  };
}

/** Whether these series are 0 at every sample of every run of every strategy (nothing to draw). */
export function seriesAllZero(results: Results, keys: SeriesKey[]): boolean {
  return results.strategies.every((s) =>
    s.runs.every((r) => keys.every((k) => r.series[k].every((v) => v === 0))),
  );
}
