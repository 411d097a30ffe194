/**
 * The headline figures of a comparison, shared by the console table, summary.md and the HTML table:
 * one row per strategy, each cell the mean over replications with its 95% CI half-width.
 */

import { formatSeconds } from "../core/duration.ts";
import type { Estimate } from "../stats/confidence.ts";
import type { EstimateTree } from "../stats/summarize-runs.ts";
import type { Results } from "./results.ts";

export interface Column {
  label: string;
  path: string[];
  format: (v: number) => string;
  /** Whether a smaller value is better (for highlighting the best row). */
  lowerIsBetter: boolean;
  /** Shown in the terminal table too (which must stay narrow). */
  terminal: boolean;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3))));

export const HEADLINE_COLUMNS: Column[] = [
  { label: "cpu util", path: ["utilization", "cpu"], format: pct, lowerIsBetter: false, terminal: true },
  { label: "mem util", path: ["utilization", "memory"], format: pct, lowerIsBetter: false, terminal: true },
  {
    label: "mem util (in use)",
    path: ["utilization", "memoryInUse"],
    format: pct,
    lowerIsBetter: false,
    terminal: false,
  },
  {
    label: "instances in use",
    path: ["instancesInUse", "mean"],
    format: num,
    lowerIsBetter: true,
    terminal: true,
  },
  {
    label: "stranded mem",
    path: ["fragmentation", "strandedMemory"],
    format: pct,
    lowerIsBetter: true,
    terminal: true,
  },
  {
    label: "delay p50",
    path: ["placementDelay", "p50"],
    format: formatSeconds,
    lowerIsBetter: true,
    terminal: true,
  },
  {
    label: "delay p95",
    path: ["placementDelay", "p95"],
    format: formatSeconds,
    lowerIsBetter: true,
    terminal: true,
  },
  {
    label: "delay p99",
    path: ["placementDelay", "p99"],
    format: formatSeconds,
    lowerIsBetter: true,
    terminal: false,
  },
  {
    label: "packing (in use / LB)",
    path: ["fragmentation", "packingEfficiency"],
    format: (v) => v.toFixed(3),
    lowerIsBetter: true,
    terminal: false,
  },
  { label: "placed", path: ["tasks", "placed"], format: num, lowerIsBetter: false, terminal: false },
  { label: "failed", path: ["tasks", "failedPlacement"], format: num, lowerIsBetter: true, terminal: true },
  {
    label: "pending at end",
    path: ["tasks", "pendingAtEnd"],
    format: num,
    lowerIsBetter: true,
    terminal: true,
  },
  {
    label: "cost $",
    path: ["cost", "dollars"],
    format: (v) => v.toFixed(2),
    lowerIsBetter: true,
    terminal: false,
  },
];

export function estimateAt(tree: EstimateTree, path: string[]): Estimate | undefined {
  let node: unknown = tree;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  const e = node as Estimate | undefined;
  return typeof e?.mean === "number" && typeof e.n === "number" ? e : undefined;
}

/** "12.3% ± 0.4%" or "12.3%" when there is no interval. */
export function formatEstimate(e: Estimate | undefined, format: (v: number) => string): string {
  if (!e) return "-";
  return e.ci95 === null ? format(e.mean) : `${format(e.mean)} ± ${format(e.ci95)}`;
}

export interface HeadlineTable {
  header: string[];
  rows: string[][];
}

export function headlineTable(results: Results, columns = HEADLINE_COLUMNS): HeadlineTable {
  return {
    header: ["strategy", ...columns.map((c) => c.label)],
    rows: results.strategies.map((s) => [
      s.name,
      ...columns.map((c) => formatEstimate(estimateAt(s.summary, c.path), c.format)),
    ]),
  };
}
