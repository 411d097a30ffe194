/**
 * What `berth plan` prints and writes: the answer table, the --json document, and plan.html with each SLO
 * metric against cluster size (or load factor) per candidate: the mean over seeds per strategy, its 95%
 * CI band and the threshold as a rule.
 */
import type { TopLevelSpec } from "vega-lite";
import { CHART_HEIGHT, CHART_WIDTH, compact, LINE_MARK } from "../../report/charts/shared.ts";
import { CSS, EMBED_SCRIPT, inlinedLibraries } from "../../report/html.ts";
import { escapeHtml } from "../../report/html-escape.ts";
import { estimate } from "../../stats/confidence.ts";
import { figure } from "../report/cell-values.ts";
import type { Answer, CompactAnswer, PlanOutcome } from "./planner.ts";
import type { Slo } from "./slo.ts";

/** Per strategy, the found size answer of lowest cost per hour (over the candidates tried). */
export function cheapest(answers: Answer[]): Answer[] {
  const best = new Map<string, Answer>();
  for (const a of answers) {
    if (!a.found || a.costPerHour === null) continue;
    const b = best.get(a.strategy);
    if (!b || a.costPerHour < b.costPerHour!) best.set(a.strategy, a);
  }
  return [...best.values()];
}

export function planJson(outcome: PlanOutcome, slos: Slo[], mode: string): string {
  return `${JSON.stringify(
    {
      scenario: outcome.scenario,
      mode,
      slos: slos.map((s) => s.text),
      seeds: outcome.seeds,
      answers: outcome.answers.map((a) => ({
        strategy: a.strategy,
        candidate: a.candidate,
        found: a.found,
        ...(mode === "headroom" ? { loadFactor: a.value } : { instances: a.instances, total: a.value }),
        costPerHour: a.costPerHour,
        slos: a.slos.map((j) => ({
          slo: j.slo,
          mean: j.mean,
          bound: j.bound,
          margin: j.margin,
          holds: j.holds,
        })),
        probes: a.probes,
        runsSpent: a.runs,
      })),
      ...(mode === "size"
        ? {
            cheapest: cheapest(outcome.answers).map((a) => ({
              strategy: a.strategy,
              candidate: a.candidate,
              costPerHour: a.costPerHour,
            })),
          }
        : {}),
      ...(outcome.compact ? { compact: outcome.compact } : {}),
      totalRuns: outcome.totalRuns,
    },
    null,
    2,
  )}\n`;
}

function instancesText(a: Answer): string {
  if (!a.instances) return "-";
  const parts = Object.entries(a.instances).filter(([, n]) => n > 0);
  const total = parts.reduce((n, [, c]) => n + c, 0);
  return parts.length === 1
    ? `${total} ${parts[0]![0]}`
    : `${total} (${parts.map(([t, n]) => `${n} ${t}`).join(", ")})`;
}

export function planTable(outcome: PlanOutcome, mode: string): string[] {
  const header =
    mode === "headroom"
      ? ["strategy", "max loadFactor", "SLO bound (margin)", "probes", "runs"]
      : ["strategy", "candidate", "instances", "cost/hour", "SLO bound (margin)", "probes", "runs"];
  const rows = outcome.answers.map((a) => {
    const slos = a.found
      ? a.slos.map((j) => `${figure(j.bound)} (${figure(j.margin)})`).join("; ")
      : "not met";
    return mode === "headroom"
      ? [a.strategy, a.value === null ? "< 1/64" : String(a.value), slos, String(a.probes), String(a.runs)]
      : [
          a.strategy,
          a.candidate,
          a.found ? instancesText(a) : "none up to the limit",
          a.costPerHour === null ? "-" : `$${a.costPerHour.toFixed(3)}`,
          slos,
          String(a.probes),
          String(a.runs),
        ];
  });
  if (mode === "size" && new Set(outcome.answers.map((a) => a.candidate)).size > 1)
    for (const a of cheapest(outcome.answers))
      rows.push([a.strategy, "cheapest", a.candidate, `$${a.costPerHour!.toFixed(3)}`, "", "", ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function compactTable(answers: CompactAnswer[]): string[] {
  return answers.map(
    (a) =>
      `${a.strategy}: min ${a.min ?? "-"}, median ${a.median ?? "-"}, max ${a.max ?? "-"} instances over ${a.perSeed.length} seeds (${a.perSeed.map((s) => s.instances ?? "none").join(", ")})`,
  );
}

/** One chart per (candidate, SLO). */
export function planCharts(
  outcome: PlanOutcome,
  slos: Slo[],
  mode: string,
): { title: string; spec: TopLevelSpec }[] {
  const candidates = [...new Set(outcome.probes.map((p) => p.candidate))];
  return candidates.flatMap((candidate) =>
    slos.map((slo, k) => {
      const rows = outcome.probes
        .filter((p) => p.candidate === candidate)
        .flatMap((p) =>
          outcome.strategies.map((strategy) => {
            const values = p.records.map((r) => {
              const m = r.runs.find((run) => run.strategy === strategy)!.metrics;
              let node: unknown = m;
              for (const part of slo.metric.split("."))
                node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
              return typeof node === "number" ? node : 0;
            });
            const e = estimate(values);
            return {
              strategy,
              // Mixes of the same total differ in cost: they are drawn against cost per hour.
              x: candidate === "mix" ? p.costPerHour : p.x,
              mean: compact(e.mean),
              low: e.low === null ? null : compact(e.low),
              high: e.high === null ? null : compact(e.high),
            };
          }),
        )
        .sort((a, b) => a.x - b.x);
      const x = {
        field: "x",
        type: "quantitative",
        title: mode === "headroom" ? "loadFactor" : candidate === "mix" ? "cost per hour ($)" : "instances",
        scale: { zero: false },
      } as const;
      const color = {
        field: "strategy",
        type: "nominal",
        scale: { domain: outcome.strategies },
        legend: { orient: "bottom" },
      } as const;
      const spec = {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        layer: [
          {
            data: { values: rows },
            transform: [{ filter: "isValid(datum.low)" }],
            mark: { type: "area", opacity: 0.18 },
            encoding: { x, y: { field: "low", type: "quantitative" }, y2: { field: "high" }, color },
          },
          {
            data: { values: rows },
            mark: { ...LINE_MARK, point: true },
            encoding: { x, y: { field: "mean", type: "quantitative", title: slo.metric }, color },
          },
          {
            data: { values: [{ threshold: slo.value }] },
            mark: { type: "rule", strokeDash: [4, 3], color: "#b00" },
            encoding: { y: { field: "threshold", type: "quantitative" } },
          },
        ],
      } as TopLevelSpec;
      return { title: `${slo.text} — ${candidate}`, spec, id: `p${k}` };
    }),
  );
}

export function planHtml(outcome: PlanOutcome, slos: Slo[], mode: string): string {
  const charts = planCharts(outcome, slos, mode).map((c, i) => ({ ...c, id: `p${i}` }));
  const specJson = JSON.stringify(Object.fromEntries(charts.map((c) => [c.id, c.spec]))).replace(
    /</g,
    "\\u003c",
  );
  const table = planTable(outcome, mode).join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>berth plan: ${escapeHtml(outcome.scenario)}</title><style>${CSS}</style></head>
<body><main>
<header><h1>berth plan: ${escapeHtml(outcome.scenario)}</h1>
<p class="note">SLOs ${escapeHtml(slos.map((s) => s.text).join("; "))}, judged at the unfavourable 95% confidence bound over ${outcome.seeds.length} seeds. Dashed red: the threshold; band: the 95% CI of the mean.</p></header>
<section><pre>${escapeHtml(table)}</pre></section>
<section>${charts
    .map(
      (c) =>
        `<figure class="chart"><h3>${escapeHtml(c.title)}</h3><div class="vis" id="chart-${c.id}" data-chart="${c.id}"></div></figure>`,
    )
    .join("\n")}</section>
</main>
${inlinedLibraries()}
<script type="application/json" id="berth-specs">${specJson}</script>
<script>${EMBED_SCRIPT}</script>
</body></html>
`;
}
