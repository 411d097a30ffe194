/** The sweep's summary.md: what was swept, the per-cell table and how often each strategy won. */
import type { SweepResults } from "../sweep-results.ts";
import { cellTable } from "./cell-table.ts";

/** A table cell or inline text from user-written names: Markdown and HTML specials are escaped. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

export function renderSweepMarkdown(results: SweepResults): string {
  const { sweep } = results;
  const table = cellTable(results);
  const line = (cells: string[]) => `| ${cells.map(markdownText).join(" | ")} |`;
  const seeds = results.cells[0]?.strategies[0]?.runs.length ?? 0;
  const wins = sweep.metrics.map((m, k) => {
    const count = new Map<string, number>();
    for (const c of results.cells) {
      const w = c.best[k]?.strategy;
      if (w) count.set(w, (count.get(w) ?? 0) + 1);
    }
    const text = sweep.strategies.map((s) => `${markdownText(s)} ${count.get(s) ?? 0}`).join(", ");
    return `- ${markdownText(m)}: ${text} (of ${results.cells.length} cells)`;
  });
  return [
    `# berth sweep: ${markdownText(sweep.name)}`,
    "",
    ...(sweep.description ? [markdownText(sweep.description), ""] : []),
    `Base scenario ${markdownText(sweep.scenario.name)} (${markdownText(sweep.scenario.file)}), ${results.cells.length} cells x ${seeds} seeds = ${sweep.units} units, strategies ${sweep.strategies.map(markdownText).join(", ")}. ` +
      "Each figure: mean over seeds ± half-width of the 95% confidence interval; best = best mean, * when its paired CI against every other strategy excludes 0.",
    "",
    "Best strategy per metric, cells won:",
    "",
    ...wins,
    "",
    line(table.header),
    line(table.header.map(() => "---")),
    ...table.rows.map(line),
    "",
    `Sweep hash \`${sweep.hash}\`; every run's figures are in sweep.json.`,
    "",
  ].join("\n");
}
