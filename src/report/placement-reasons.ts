/**
 * Why tasks failed or waited, per strategy: the mean count per replication of each reason in
 * `summary.failureReasons` and `summary.waitReasons` (see docs/placement.md), most frequent first.
 * Shared by summary.md and the HTML report.
 */
import type { Estimate } from "../stats/confidence.ts";
import type { EstimateTree } from "../stats/summarize-runs.ts";
import type { Results } from "./results.ts";
import { markdownText } from "./text-escape.ts";

export interface ReasonRow {
  strategy: string;
  kind: "failed" | "waited";
  reason: string;
  mean: number;
  /** Half-width of the 95% CI of the mean; null with one replication. */
  ci95: number | null;
}

export function placementReasons(results: Results): ReasonRow[] {
  const rows: ReasonRow[] = [];
  for (const s of results.strategies) {
    for (const [kind, key] of [
      ["failed", "failureReasons"],
      ["waited", "waitReasons"],
    ] as const) {
      const tree = (s.summary[key] ?? {}) as EstimateTree;
      const entries = Object.entries(tree)
        .map(([reason, e]) => ({ reason, mean: (e as Estimate).mean, ci95: (e as Estimate).ci95 }))
        .filter((e) => e.mean > 0)
        .sort((a, b) => b.mean - a.mean || (a.reason < b.reason ? -1 : 1));
      for (const e of entries) rows.push({ strategy: s.name, kind, ...e });
    }
  }
  return rows;
}

/** A Markdown section, or "" when no task failed or waited. */
export function placementReasonsMarkdown(results: Results): string {
  const rows = placementReasons(results);
  if (rows.length === 0) return "";
  const fmt = (v: number) => String(Number(v.toPrecision(3)));
  return [
    "## Why tasks failed or waited",
    "",
    "Mean tasks per replication, by the check that excluded the most instances at their first attempt " +
      "(`berth explain` shows the per-instance detail).",
    "",
    "| strategy | outcome | reason | tasks |",
    "| --- | --- | --- | --- |",
    ...rows.map(
      (r) => `| ${markdownText(r.strategy)} | ${r.kind} | ${markdownText(r.reason)} | ${fmt(r.mean)} |`,
    ),
    "",
  ].join("\n");
}
