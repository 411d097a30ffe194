/**
 * The paired-comparison table: one row per non-baseline strategy, one cell per headline figure holding the
 * mean per-seed difference against the baseline, its 95% CI half-width and the relative change. A cell is
 * marked significant when the CI excludes 0.
 */
import { type PairedDifference, type PairedTree, pairedDifference } from "../stats/paired.ts";
import { type Column, columnValues, HEADLINE_COLUMNS, type HeadlineTable } from "./headline.ts";
import type { Results, StrategyResult } from "./results.ts";
import { columnFormat, type Format, relative, signed } from "./units.ts";

export function pairedAt(tree: PairedTree, path: string[]): PairedDifference | undefined {
  let node: unknown = tree;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  const d = node as PairedDifference | undefined;
  return typeof d?.meanDifference === "number" ? d : undefined;
}

/** "+1.2 pp ± 0.4 pp (+3.1%)"; `mark` wraps significant cells (e.g. Markdown bold). */
export function formatDifference(
  d: PairedDifference | undefined,
  format: Format,
  mark: (cell: string) => string = (c) => `${c} *`,
): string {
  if (!d) return "-";
  const ci = d.ci95 === null ? "" : ` ± ${format(d.ci95)}`;
  const rel = relative(d.relativeChange);
  const cell = `${signed(format, d.meanDifference)}${ci}${rel ? ` (${rel})` : ""}`;
  return d.significant ? mark(cell) : cell;
}

/** A strategy's paired difference against the baseline in one column (computed from runs when derived). */
export function columnDifference(
  results: Results,
  s: StrategyResult,
  col: Column,
): PairedDifference | undefined {
  if (!s.paired) return undefined;
  if (!col.perRun) return pairedAt(s.paired, col.path);
  const base = results.strategies.find((b) => b.name === results.baseline);
  return base ? pairedDifference(columnValues(s, col), columnValues(base, col)) : undefined;
}

/** One difference format per column (fractions in percentage points), from every figure it shows. */
function differenceFormat(results: Results, col: Column): Format {
  const values = results.strategies.flatMap((s) => {
    const d = columnDifference(results, s, col);
    return d ? [d.meanDifference, d.ci95 ?? 0] : [];
  });
  return columnFormat(col.unit, values, true);
}

export function pairedTable(
  results: Results,
  columns: Column[] = HEADLINE_COLUMNS,
  mark?: (cell: string) => string,
): HeadlineTable {
  const formats = new Map(columns.map((c) => [c, differenceFormat(results, c)]));
  return {
    header: [`vs ${results.baseline}`, ...columns.map((c) => c.label)],
    rows: results.strategies
      .filter((s) => s.paired !== null)
      .map((s) => [
        s.name,
        ...columns.map((c) => formatDifference(columnDifference(results, s, c), formats.get(c)!, mark)),
      ]),
  };
}
