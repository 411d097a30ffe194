/**
 * The end of a run, shared by `berth run` and `berth merge` of run shards: the report files of a results.json
 * (chart images with --svg/--png, JUnit), the GitHub Actions job summary, the console verdict and table,
 * and the gate lines; the exit code is 1 when a gate tripped.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { plural } from "../core/format.ts";
import { renderConsoleTable, renderConsoleVerdict } from "../report/console-table.ts";
import { CHART_FOLDER, type ImageFormat, reportFiles } from "../report/report-files.ts";
import { type Results, serializeResults } from "../report/results.ts";
import { renderSummaryMarkdown } from "../report/summary-markdown.ts";
import { terminalText } from "../report/text-escape.ts";
import { trippedGates } from "../stats/gates/evaluate-gates.ts";
import { renderJunit } from "../stats/gates/junit.ts";
import type { OutputFile } from "./outputs.ts";

/** results.json, summary.md, index.html (and charts/ images) in `outDir`, and the JUnit file when asked. */
export async function runReportFiles(
  results: Results,
  outDir: string,
  options: { junit?: string | undefined; formats?: ImageFormat[] } = {},
): Promise<{ files: OutputFile[]; images: number }> {
  const report = await reportFiles(results, options.formats ?? []);
  const files: OutputFile[] = [
    { path: join(outDir, "results.json"), content: serializeResults(results) },
    ...report.map((f) => ({ path: join(outDir, f.name), content: f.content })),
  ];
  if (options.junit)
    files.push({ path: options.junit, content: renderJunit(results.scenario.name, results.gates) });
  return { files, images: report.filter((f) => f.name.startsWith(`${CHART_FOLDER}/`)).length };
}

/**
 * A GitHub Actions job summary: the verdict, headline and gates appended to $GITHUB_STEP_SUMMARY when set
 * (without chart links: relative paths to the report folder mean nothing on the job page).
 */
export function appendStepSummary(results: Results): void {
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) appendFileSync(stepSummary, `${renderSummaryMarkdown(results)}\n`);
}

/** Prints the verdict, the table, where the outputs are, and the gates; returns the exit code (1: a gate tripped). */
export function printRunOutcome(
  results: Results,
  say: (line: string) => void,
  where: { outDir?: string; events?: string; tasks?: string; images?: number; junit?: string },
): number {
  say("");
  say(renderConsoleVerdict(results));
  say("");
  say(renderConsoleTable(results));
  say("");
  say(
    `Mean ± 95% CI over ${plural(results.scenario.seeds.length, "replication")}.` +
      (where.outDir ? ` Report: ${join(where.outDir, "index.html")}` : ""),
  );
  if (where.events) say(`Event log: ${where.events}`);
  if (where.tasks) say(`Tasks (CSV): ${where.tasks}`);
  if (where.outDir && where.images)
    say(`Chart images: ${plural(where.images, "file")} in ${join(where.outDir, CHART_FOLDER)}`);
  if (where.junit) say(`Gate results (JUnit): ${where.junit}`);
  for (const g of results.gates) {
    if (g.status !== "tripped") say(`gate ${g.status}: "${g.gate}" [${g.strategy}]: ${g.message}`);
  }
  const tripped = trippedGates(results.gates);
  for (const g of tripped)
    console.error(terminalText(`gate tripped: ${g.origin}: "${g.gate}" [${g.strategy}]: ${g.message}`));
  return tripped.length > 0 ? 1 : 0;
}
