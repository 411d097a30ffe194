/**
 * The human-readable outputs of a run, rebuilt from results.json alone: `berth run` and `berth report` both
 * call this, so the report of a saved results.json is byte-identical to the run's own.
 */
import { renderHtmlReport } from "./html.ts";
import type { Results } from "./results.ts";
import { renderSummaryMarkdown } from "./summary-markdown.ts";

export function reportFiles(results: Results): { name: "summary.md" | "index.html"; content: string }[] {
  return [
    { name: "summary.md", content: renderSummaryMarkdown(results) },
    { name: "index.html", content: renderHtmlReport(results) },
  ];
}
