/** Writes a sweep's report files: sweep.json, summary.md, index.html (each via a temp file and rename). */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderSweepHtml } from "./report/html.ts";
import { renderSweepMarkdown } from "./report/summary-markdown.ts";
import type { UnitRecord } from "./run-unit.ts";
import { buildSweepResults, type SweepResults, serializeSweep } from "./sweep-results.ts";
import type { SweepPlan } from "./units.ts";

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export function writeSweepReport(
  plan: SweepPlan,
  records: Iterable<UnitRecord>,
  outDir: string,
): { results: SweepResults; json: string; markdown: string; html: string } {
  const results = buildSweepResults(plan, records);
  mkdirSync(outDir, { recursive: true });
  const json = join(outDir, "sweep.json");
  const markdown = join(outDir, "summary.md");
  const html = join(outDir, "index.html");
  writeAtomic(json, serializeSweep(results));
  writeAtomic(markdown, renderSweepMarkdown(results));
  writeAtomic(html, renderSweepHtml(results));
  return { results, json, markdown, html };
}
