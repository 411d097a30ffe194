/**
 * Vega-Lite specs of the sweep report, built on the report's chart helpers (sizes, line mark, compact data):
 * - each chosen metric against each swept parameter: the mean over seeds, one line per strategy, with its
 *   95% confidence band; with several parameters, one panel per combination of the others;
 * - for two-parameter sweeps, a heatmap per strategy of each metric over the grid, and one of the best
 *   strategy per cell.
 */
import type { TopLevelSpec } from "vega-lite";
import { CHART_HEIGHT, CHART_WIDTH, compact, LINE_MARK } from "../../report/charts/shared.ts";
import { estimateAtPath, type SweepResults } from "../sweep-results.ts";
import { cellLabel, isNumericParameter, valueText } from "./cell-values.ts";

function strategyScale(results: SweepResults) {
  return {
    field: "strategy",
    type: "nominal",
    title: "strategy",
    scale: { domain: results.sweep.strategies },
    legend: { orient: "bottom", direction: "horizontal" },
  } as const;
}

export interface SweepChart {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

/** Metric against parameter `p`, a line and a 95% CI band per strategy. */
export function metricVsParameter(results: SweepResults, metric: string, p: number): SweepChart {
  const param = results.sweep.parameters[p]!;
  const numeric = isNumericParameter(results, p);
  const others = results.sweep.parameters.length > 1;
  const rows = results.cells.flatMap((cell) =>
    cell.strategies.flatMap((s) => {
      const e = estimateAtPath(s.summary, metric);
      if (!e) return [];
      return [
        {
          strategy: s.name,
          x: numeric ? (cell.values[p] as number) : valueText(cell.values[p]),
          order: cell.index,
          mean: compact(e.mean),
          low: e.low === null ? null : compact(e.low),
          high: e.high === null ? null : compact(e.high),
          ...(others ? { panel: cellLabel(results, cell.values, p) } : {}),
        },
      ];
    }),
  );
  const x = numeric
    ? ({ field: "x", type: "quantitative", title: param, scale: { zero: false } } as const)
    : ({ field: "x", type: "ordinal", title: param, sort: null } as const);
  const layers = [
    {
      transform: [{ filter: "isValid(datum.low)" }],
      mark: { type: "area", opacity: 0.18 },
      encoding: {
        x,
        y: { field: "low", type: "quantitative" },
        y2: { field: "high" },
        color: strategyScale(results),
      },
    },
    {
      mark: { ...LINE_MARK, point: true },
      encoding: {
        x,
        y: { field: "mean", type: "quantitative", title: metric },
        color: strategyScale(results),
        strokeDash: strategyScale(results),
      },
    },
  ];
  const spec = (
    others
      ? {
          data: { values: rows },
          facet: { field: "panel", type: "nominal", title: null },
          columns: 3,
          spec: { width: 260, height: 180, layer: layers },
          resolve: { scale: { y: "shared" } },
        }
      : { data: { values: rows }, width: CHART_WIDTH, height: CHART_HEIGHT, layer: layers }
  ) as TopLevelSpec;
  return {
    id: `line-${metric}-${p}`,
    title: `${metric} against ${param}`,
    caption:
      `Mean over seeds, one line per strategy; the band is the 95% confidence interval (absent with one seed).` +
      (others ? " One panel per value of the other parameters." : ""),
    spec,
  };
}

/** Two-parameter grids: the metric's mean over the grid, one heatmap per strategy, values printed. */
export function metricHeatmap(results: SweepResults, metric: string): SweepChart {
  const [a, b] = results.sweep.parameters as [string, string];
  const rows = results.cells.flatMap((cell) =>
    cell.strategies.flatMap((s) => {
      const e = estimateAtPath(s.summary, metric);
      return e
        ? [
            {
              strategy: s.name,
              a: valueText(cell.values[0]),
              b: valueText(cell.values[1]),
              mean: compact(e.mean),
            },
          ]
        : [];
    }),
  );
  const enc = {
    x: { field: "a", type: "ordinal", title: a, sort: null },
    y: { field: "b", type: "ordinal", title: b, sort: null },
  } as const;
  return {
    id: `heat-${metric}`,
    title: `${metric} over the grid`,
    caption: "Mean over seeds in each cell, one panel per strategy.",
    spec: {
      data: { values: rows },
      facet: { field: "strategy", type: "nominal", title: null, sort: results.sweep.strategies },
      columns: 3,
      spec: {
        width: 220,
        height: 180,
        layer: [
          {
            mark: "rect",
            encoding: { ...enc, color: { field: "mean", type: "quantitative", title: metric } },
          },
          {
            mark: { type: "text", fontSize: 10 },
            encoding: { ...enc, text: { field: "mean", type: "quantitative" } },
          },
        ],
      },
      resolve: { scale: { color: "shared" } },
    } as TopLevelSpec,
  };
}

/** Two-parameter grids: which strategy has the best mean of the metric in each cell. */
export function bestHeatmap(results: SweepResults, metric: string): SweepChart {
  const [a, b] = results.sweep.parameters as [string, string];
  const k = results.sweep.metrics.indexOf(metric);
  const rows = results.cells.map((cell) => {
    const best = cell.best[k];
    return {
      a: valueText(cell.values[0]),
      b: valueText(cell.values[1]),
      strategy: best?.strategy ?? "tie",
      mark: best?.significant ? "*" : "",
    };
  });
  const enc = {
    x: { field: "a", type: "ordinal", title: a, sort: null },
    y: { field: "b", type: "ordinal", title: b, sort: null },
  } as const;
  return {
    id: `best-${metric}`,
    title: `Best strategy for ${metric}`,
    caption:
      "The strategy with the best mean in each cell; * where its paired 95% CI against every other excludes 0.",
    spec: {
      data: { values: rows },
      width: 320,
      height: 220,
      layer: [
        {
          mark: "rect",
          encoding: {
            ...enc,
            color: {
              field: "strategy",
              type: "nominal",
              title: "best",
              scale: { domain: [...results.sweep.strategies, "tie"] },
            },
          },
        },
        { mark: { type: "text", fontSize: 14 }, encoding: { ...enc, text: { field: "mark" } } },
      ],
    } as TopLevelSpec,
  };
}

export function sweepCharts(results: SweepResults): SweepChart[] {
  const charts: SweepChart[] = [];
  const params = results.sweep.parameters;
  for (const metric of results.sweep.metrics) {
    params.forEach((_, p) => {
      charts.push(metricVsParameter(results, metric, p));
    });
    if (params.length === 2) {
      charts.push(metricHeatmap(results, metric));
      charts.push(bestHeatmap(results, metric));
    }
  }
  // Element ids by position: metric paths may hold user-written service names.
  return charts.map((c, i) => ({ ...c, id: `c${i}` }));
}
