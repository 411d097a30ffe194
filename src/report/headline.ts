/**
 * The headline figures of a comparison, shared by the console table, summary.md and the HTML table:
 * one row per strategy, each cell the mean over replications with its 95% CI half-width.
 */

import { metricInfo } from "../metrics/catalog.ts";
import type { RunMetrics } from "../metrics/run-metrics.ts";
import { type Estimate, estimate } from "../stats/confidence.ts";
import { pairedDifference } from "../stats/paired.ts";
import type { EstimateTree } from "../stats/summarize-runs.ts";
import { runValues, type StrategyRuns } from "./key-metrics.ts";
import { neverPlacedShare } from "./never-placed.ts";
import type { Results, StrategyResult } from "./results.ts";
import { columnFormat, type Format, type Unit } from "./units.ts";

export interface Column {
  label: string;
  path: string[];
  /** Every cell of the column is written in one unit (units.ts). */
  unit: Unit;
  /** Whether a smaller value is better (for marking a significantly best row). */
  lowerIsBetter: boolean;
  /** Shown in the terminal table too (which must stay narrow). */
  terminal: boolean;
  /** A figure derived from each run's metrics rather than read at `path` (no summary entry holds it). */
  perRun?: (m: RunMetrics) => number;
}

/** A table column for a metric path: label, unit and better direction come from the metric catalog. */
export function metricColumn(path: string, terminal = false): Column {
  const m = metricInfo(path);
  if (!m) throw new Error(`no metric "${path}" in the catalog`);
  return {
    label: m.label,
    path: path.split("."),
    unit: m.unit,
    lowerIsBetter: m.better === "lower",
    terminal,
  };
}

/** Cost first: it is the figure most decisions turn on, and it must stay visible however narrow the view. */
export const HEADLINE_COLUMNS: Column[] = [
  metricColumn("cost.dollars", true),
  metricColumn("instancesInUse.mean", true),
  metricColumn("utilization.cpu"),
  metricColumn("utilization.memory", true),
  metricColumn("utilization.memoryInUse"),
  metricColumn("fragmentation.strandedMemory", true),
  metricColumn("placementDelay.p50"),
  metricColumn("placementDelay.p95", true),
  metricColumn("placementDelay.p99"),
  metricColumn("fragmentation.packingEfficiency"),
  metricColumn("tasks.placed"),
  metricColumn("tasks.failedPlacement", true),
  metricColumn("tasks.pendingAtEnd", true),
  {
    label: "never placed",
    path: ["tasks", "neverPlacedShare"],
    unit: "fraction",
    lowerIsBetter: true,
    terminal: false,
    perRun: neverPlacedShare,
  },
];

/** A column's per-run values of one strategy, in seed order. */
export function columnValues(s: StrategyRuns, col: Column): number[] {
  const perRun = col.perRun;
  return perRun ? s.runs.map((r) => perRun(r.metrics)) : runValues(s, col.path);
}

/** A column's mean and 95% CI for one strategy: from the summary, or from the runs for a derived figure. */
export function columnEstimate(s: StrategyResult, col: Column): Estimate | undefined {
  return col.perRun ? estimate(columnValues(s, col)) : estimateAt(s.summary, col.path);
}

export function estimateAt(tree: EstimateTree, path: string[]): Estimate | undefined {
  let node: unknown = tree;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  const e = node as Estimate | undefined;
  return typeof e?.mean === "number" && typeof e.n === "number" ? e : undefined;
}

/** One format for a whole column, from every mean and half-width it shows. */
export function estimateColumnFormat(results: Results, col: Column): Format {
  const values = results.strategies.flatMap((s) => {
    const e = columnEstimate(s, col);
    return e ? [e.mean, e.ci95 ?? 0] : [];
  });
  return columnFormat(col.unit, values);
}

/**
 * The strategy whose mean is best in a column when it is significantly better than the runner-up (paired
 * 95% CI of the per-seed difference excludes 0); undefined when the best could be noise or a tie.
 */
export function significantBest(strategies: StrategyResult[], col: Column): string | undefined {
  if (strategies.length < 2) return undefined;
  const ranked = strategies
    .map((s) => ({ s, values: columnValues(s, col) }))
    .map((r) => ({ ...r, mean: r.values.reduce((a, v) => a + v, 0) / Math.max(1, r.values.length) }))
    .sort((a, b) => (col.lowerIsBetter ? a.mean - b.mean : b.mean - a.mean));
  const [best, second] = ranked as [(typeof ranked)[0], (typeof ranked)[0]];
  if (best.mean === second.mean) return undefined;
  const d = pairedDifference(best.values, second.values);
  const better = col.lowerIsBetter ? d.meanDifference < 0 : d.meanDifference > 0;
  return d.significant && better ? best.s.name : undefined;
}

/** "12.3% ± 0.4%" or "12.3%" when there is no interval. */
export function formatEstimate(e: Estimate | undefined, format: Format): string {
  if (!e) return "-";
  return e.ci95 === null ? format(e.mean) : `${format(e.mean)} ± ${format(e.ci95)}`;
}

export interface HeadlineTable {
  header: string[];
  rows: string[][];
}

export function headlineTable(results: Results, columns = HEADLINE_COLUMNS): HeadlineTable {
  const formats = new Map(columns.map((c) => [c, estimateColumnFormat(results, c)]));
  return {
    header: ["strategy", ...columns.map((c) => c.label)],
    rows: results.strategies.map((s) => [
      s.name,
      ...columns.map((c) => formatEstimate(columnEstimate(s, c), formats.get(c)!)),
    ]),
  };
}
