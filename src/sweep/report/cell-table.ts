/**
 * The per-cell table shared by summary.md and index.html: one row per cell, its parameter values, then per
 * chosen metric each strategy's mean ± 95% CI half-width, and the best strategy (* when significant).
 */
import { estimateAtPath, type SweepResults } from "../sweep-results.ts";
import { meanAndHalfWidth, valueText } from "./cell-values.ts";

export interface CellTable {
  header: string[];
  rows: string[][];
  /** Per row, the column indexes of the best strategy's figures (for bold). */
  best: number[][];
}

export function cellTable(results: SweepResults): CellTable {
  const { parameters, metrics, strategies } = results.sweep;
  const header = [
    ...parameters,
    ...metrics.flatMap((m) => [...strategies.map((s) => `${m} ${s}`), `best ${m}`]),
  ];
  const best: number[][] = [];
  const rows = results.cells.map((cell) => {
    const row = cell.values.map(valueText);
    const bold: number[] = [];
    metrics.forEach((m, k) => {
      const winner = cell.best[k];
      for (const s of cell.strategies) {
        const e = estimateAtPath(s.summary, m);
        if (winner?.strategy === s.name) bold.push(row.length);
        row.push(e ? meanAndHalfWidth(e.mean, e.ci95) : "n/a");
      }
      row.push(winner?.strategy ? `${winner.strategy}${winner.significant ? " *" : ""}` : "tie");
    });
    best.push(bold);
    return row;
  });
  return { header, rows, best };
}
