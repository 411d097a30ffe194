/** The verdict and the headline table as plain text for the terminal (user-written names made safe). */
import { HEADLINE_COLUMNS, headlineTable } from "./headline.ts";
import type { Results } from "./results.ts";
import { terminalText } from "./text-escape.ts";
import { verdictLines } from "./verdict-text.ts";

export function renderConsoleTable(results: Results): string {
  const { header, rows } = headlineTable(
    results,
    HEADLINE_COLUMNS.filter((c) => c.terminal),
  );
  const all = [header, ...rows.map((r) => [terminalText(r[0]!), ...r.slice(1)])];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const fmt = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [fmt(header), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(fmt)].join("\n");
}

/** The verdict as terminal lines: warnings, the trade-off, then the significant results (the rest counted). */
export function renderConsoleVerdict(results: Results): string {
  const v = verdictLines(results.verdict);
  const winners = v.entries.filter((e) => e.significant);
  const even = v.entries.length - winners.length;
  return [
    "Verdict:",
    ...v.warnings.map((w) => `  WARNING: ${terminalText(w)}`),
    ...(v.tradeOff ? [`  ${terminalText(v.tradeOff)}`] : []),
    ...winners.map((e) => `  * ${terminalText(e.text)}`),
    ...(even > 0
      ? [
          `  No significant difference on ${even}${winners.length > 0 ? " other" : ""} key metric` +
            `${even === 1 ? "" : "s"} (summary.md lists each).`,
        ]
      : []),
    ...v.notes.map((n) => `  Note: ${terminalText(n)}`),
  ].join("\n");
}
