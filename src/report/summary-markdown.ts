/** summary.md: the headline table as GitHub-flavoured Markdown, for CI job summaries and PR comments. */
import { headlineTable } from "./headline.ts";
import { placementReasonsMarkdown } from "./placement-reasons.ts";
import type { Results } from "./results.ts";

export function renderSummaryMarkdown(results: Results): string {
  const { header, rows } = headlineTable(results);
  const sc = results.scenario;
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [
    `# berth: ${sc.name}`,
    "",
    sc.description,
    "",
    `Seeds ${sc.seeds.join(", ")} (${sc.seeds.length} replications), horizon ${sc.horizon} s, pending: ${sc.pending}. ` +
      "Each cell: mean over replications ± half-width of the 95% confidence interval (Student t).",
    "",
    line(header),
    line(header.map(() => "---")),
    ...rows.map(line),
    "",
    "Strategies:",
    "",
    ...results.strategies.map((s) => `- **${s.name}**: ${s.description}`),
    "",
    ...[placementReasonsMarkdown(results)].filter((section) => section !== ""),
    `Scenario hash \`${sc.hash.slice(0, 16)}\`; full figures in results.json.`,
    "",
  ].join("\n");
}
