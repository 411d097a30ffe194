/** The files of a sweep's report: sweep.json, summary.md, index.html (the CLI writes them via outputs.ts). */
import { join } from "node:path";
import { renderSweepHtml } from "./report/html.ts";
import { renderSweepMarkdown } from "./report/summary-markdown.ts";
import type { UnitRecord } from "./run-unit.ts";
import { buildSweepResults, type SweepResults, serializeSweep } from "./sweep-results.ts";
import { unitFileHeader } from "./unit-file.ts";
import type { SweepPlan } from "./units.ts";

export function sweepReportFiles(
  plan: SweepPlan,
  records: Iterable<UnitRecord>,
  outDir: string,
): { results: SweepResults; html: string; files: { path: string; content: string }[] } {
  const results = buildSweepResults(plan, records);
  const html = join(outDir, "index.html");
  return {
    results,
    html,
    files: [
      { path: join(outDir, "sweep.json"), content: serializeSweep(results) },
      { path: join(outDir, "summary.md"), content: renderSweepMarkdown(results) },
      { path: html, content: renderSweepHtml(results) },
    ],
  };
}

/** A merged unit file: the header of an unsharded run of the plan, then the records (sorted by key). */
export function mergedUnitFile(plan: SweepPlan, records: readonly UnitRecord[]): string {
  return [unitFileHeader(plan, null), ...records].map((r) => `${JSON.stringify(r)}\n`).join("");
}
