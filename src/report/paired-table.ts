/**
 * The paired-comparison table: one row per non-baseline strategy, one cell per headline figure holding the
 * mean per-seed difference against the baseline, its 95% CI half-width and the relative change. A cell is
 * marked significant when the CI excludes 0.
 */
import type { PairedDifference, PairedTree } from "../stats/paired.ts";
import { type Column, HEADLINE_COLUMNS, type HeadlineTable } from "./headline.ts";
import type { Results } from "./results.ts";

export function pairedAt(tree: PairedTree, path: string[]): PairedDifference | undefined {
  let node: unknown = tree;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  const d = node as PairedDifference | undefined;
  return typeof d?.meanDifference === "number" ? d : undefined;
}

/** "+1.2% ± 0.4% (+3.1%)"; `mark` wraps significant cells (e.g. Markdown bold). */
export function formatDifference(
  d: PairedDifference | undefined,
  format: (v: number) => string,
  mark: (cell: string) => string = (c) => `${c} *`,
): string {
  if (!d) return "-";
  const signed = (v: number) => (v < 0 ? `-${format(-v)}` : `+${format(v)}`);
  const ci = d.ci95 === null ? "" : ` ± ${format(d.ci95)}`;
  const rel =
    d.relativeChange === null
      ? ""
      : ` (${d.relativeChange < 0 ? "" : "+"}${(d.relativeChange * 100).toFixed(1)}%)`;
  const cell = `${signed(d.meanDifference)}${ci}${rel}`;
  return d.significant ? mark(cell) : cell;
}

export function pairedTable(
  results: Results,
  columns: Column[] = HEADLINE_COLUMNS,
  mark?: (cell: string) => string,
): HeadlineTable {
  return {
    header: [`vs ${results.baseline}`, ...columns.map((c) => c.label)],
    rows: results.strategies
      .filter((s) => s.paired !== null)
      .map((s) => [
        s.name,
        ...columns.map((c) => formatDifference(pairedAt(s.paired!, c.path), c.format, mark)),
      ]),
  };
}
