/** The headline table as aligned plain text for the terminal. */
import { HEADLINE_COLUMNS, headlineTable } from "./headline.ts";
import type { Results } from "./results.ts";

export function renderConsoleTable(results: Results): string {
  const { header, rows } = headlineTable(
    results,
    HEADLINE_COLUMNS.filter((c) => c.terminal),
  );
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const fmt = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(fmt)].join("\n");
}
