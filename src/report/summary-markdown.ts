/** summary.md: the headline table as GitHub-flavoured Markdown, for CI job summaries and PR comments. */
import { gatesTable } from "./gates-table.ts";
import { headlineTable } from "./headline.ts";
import { pairedTable } from "./paired-table.ts";
import { placementReasonsMarkdown } from "./placement-reasons.ts";
import type { Results } from "./results.ts";
import { steadyStateSection } from "./steady-state-section.ts";
import { markdownCode, markdownText } from "./text-escape.ts";
import { verdictLines } from "./verdict-text.ts";

/** A chart image summary.md links to: its title and its path relative to the report folder. */
export interface ChartLink {
  title: string;
  name: string;
}

/** `charts`: the chart images written beside summary.md (--svg/--png), linked under "## Charts". */
export function renderSummaryMarkdown(results: Results, charts: ChartLink[] = []): string {
  const { header, rows } = headlineTable(results);
  const sc = results.scenario;
  // Cells are escaped where they hold user text (markdownText); here only a stray "|" or line break is
  // neutralized, so one cell can never become two or end the table.
  const line = (cells: string[]) =>
    `| ${cells.map((c) => c.replace(/[\r\n]+/g, " ").replace(/(?<!\\)\|/g, "\\|")).join(" | ")} |`;
  return [
    `# berth: ${markdownText(sc.name)}`,
    "",
    markdownText(sc.description),
    "",
    ...verdictSection(results),
    `Seeds ${sc.seeds.join(", ")} (${sc.seeds.length} replications), horizon ${sc.horizon} s, pending: ${sc.pending}. ` +
      "Each cell: mean over replications ± half-width of the 95% confidence interval (Student t).",
    "",
    line(header),
    line(header.map(() => "---")),
    ...rows.map((r) => line([markdownText(r[0]!), ...r.slice(1)])),
    "",
    ...steadyStateSection(results, line),
    ...pairedSection(results, line),
    ...gatesSection(results, line),
    "Strategies:",
    "",
    ...results.strategies.map((s) => `- **${markdownText(s.name)}**: ${markdownText(s.description)}`),
    "",
    ...[placementReasonsMarkdown(results)].filter((section) => section !== ""),
    ...chartsSection(charts),
    `Scenario hash \`${sc.hash.slice(0, 16)}\`; full figures in results.json.`,
    "",
  ].join("\n");
}

function chartsSection(charts: ChartLink[]): string[] {
  if (charts.length === 0) return [];
  return ["## Charts", "", ...charts.flatMap((c) => [`![${markdownText(c.title)}](${c.name})`, ""])];
}

function pairedSection(results: Results, line: (cells: string[]) => string): string[] {
  const { header, rows } = pairedTable(results, undefined, (cell) => `**${cell}**`);
  if (rows.length === 0) return [];
  return [
    `## Paired differences against ${markdownText(results.baseline)}`,
    "",
    "Each cell: mean over seeds of (strategy - baseline) ± 95% CI half-width (Student t on the per-seed " +
      "differences), relative change in parentheses. **Bold**: significant (the interval excludes 0).",
    "",
    line([markdownText(header[0]!), ...header.slice(1)]),
    line(header.map(() => "---")),
    ...rows.map((r) => line([markdownText(r[0]!), ...r.slice(1)])),
    "",
  ];
}

function gatesSection(results: Results, line: (cells: string[]) => string): string[] {
  const table = gatesTable(results);
  if (!table) return [];
  const icon = { passed: "pass", tripped: "**TRIPPED**", skipped: "skipped" };
  return [
    "## Gates",
    "",
    markdownText(table.verdict),
    "",
    line(table.header),
    line(table.header.map(() => "---")),
    ...table.rows.map((g) =>
      line([markdownCode(g.gate), markdownText(g.strategy), icon[g.status], markdownText(g.detail)]),
    ),
    "",
  ];
}

/** The verdict first: warnings as a quote block, the trade-off, then one bullet per key metric. */
export function verdictSection(results: Results): string[] {
  const v = verdictLines(results.verdict);
  return [
    "## Verdict",
    "",
    ...v.warnings.flatMap((w) => [`> **Warning:** ${markdownText(w)}`, ">"]).slice(0, -1),
    ...(v.warnings.length > 0 ? [""] : []),
    ...(v.tradeOff ? [`**${markdownText(v.tradeOff)}**`, ""] : []),
    ...v.entries.map((e) => (e.significant ? `- **${markdownText(e.text)}**` : `- ${markdownText(e.text)}`)),
    "",
    ...v.notes.flatMap((n) => [`Note: ${markdownText(n)}`, ""]),
    markdownText(v.intro),
    "",
  ];
}
