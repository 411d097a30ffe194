/**
 * The end of a run, shared by `berth run` and `berth merge` of run shards: the report files of a results.json
 * (plus JUnit), the GitHub Actions job summary, the console verdict and table, and the gate lines; the exit
 * code is 1 when a gate tripped.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { plural } from "../core/format.ts";
import { renderConsoleTable, renderConsoleVerdict } from "../report/console-table.ts";
import { reportFiles } from "../report/report-files.ts";
import { type Results, serializeResults } from "../report/results.ts";
import { terminalText } from "../report/text-escape.ts";
import { trippedGates } from "../stats/gates/evaluate-gates.ts";
import { renderJunit } from "../stats/gates/junit.ts";

/** results.json, summary.md, index.html in `outDir`, and the JUnit file when asked. */
export function runReportFiles(
  results: Results,
  outDir: string,
  junit: string | undefined,
): { path: string; content: string }[] {
  const files = [
    { path: join(outDir, "results.json"), content: serializeResults(results) },
    ...reportFiles(results).map((f) => ({ path: join(outDir, f.name), content: f.content })),
  ];
  if (junit) files.push({ path: junit, content: renderJunit(results.scenario.name, results.gates) });
  return files;
}

/** Appends summary.md to $GITHUB_STEP_SUMMARY when set (a GitHub Actions job page). */
export function appendStepSummary(files: { path: string; content: string }[]): void {
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  const summary = files.find((f) => f.path.endsWith("summary.md"));
  if (stepSummary && summary) appendFileSync(stepSummary, `${summary.content}\n`);
}

/** Prints the verdict, the table and the gates; returns the exit code (1 when a gate tripped). */
export function printRunOutcome(
  results: Results,
  say: (line: string) => void,
  where: { report?: string; events?: string; junit?: string },
): number {
  say("");
  say(renderConsoleVerdict(results));
  say("");
  say(renderConsoleTable(results));
  say("");
  say(
    `Mean ± 95% CI over ${plural(results.scenario.seeds.length, "replication")}.` +
      (where.report ? ` Report: ${where.report}` : ""),
  );
  if (where.events) say(`Event log: ${where.events}`);
  if (where.junit) say(`Gate results (JUnit): ${where.junit}`);
  for (const g of results.gates) {
    if (g.status !== "tripped") say(`gate ${g.status}: "${g.gate}" [${g.strategy}]: ${g.message}`);
  }
  const tripped = trippedGates(results.gates);
  for (const g of tripped)
    console.error(terminalText(`gate tripped: ${g.origin}: "${g.gate}" [${g.strategy}]: ${g.message}`));
  return tripped.length > 0 ? 1 : 0;
}
