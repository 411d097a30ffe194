/**
 * The HTML report's tables beyond the headline: why tasks failed or waited, paired differences against the
 * baseline, and gates. Each reuses the row logic summary.md uses (placement-reasons.ts, paired-table.ts,
 * gates-table.ts) and only adds markup; a section with nothing to show returns "".
 */
import { DYNAMICS_COUNTS } from "./charts/dynamics-counts.ts";
import { availabilityServices } from "./charts/service-availability.ts";
import { gatesTable } from "./gates-table.ts";
import { type Column, HEADLINE_COLUMNS, metricColumn } from "./headline.ts";
import { escapeHtml } from "./html-escape.ts";
import { columnDifference, pairedTable } from "./paired-table.ts";
import { placementReasons } from "./placement-reasons.ts";
import type { Results } from "./results.ts";

const fmt3 = (v: number) => String(Number(v.toPrecision(3)));

function table(cls: string, header: string[], body: string[]): string {
  const head = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  return `<div class="table-wrap fit"><table class="${cls}"><thead><tr>${head}</tr></thead><tbody>${body.join("")}</tbody></table></div>`;
}

/** "12 ± 3" as the shown figure with the half-width on its own smaller line. */
function splitCell(cell: string): string {
  const at = cell.indexOf(" ± ");
  if (at < 0) return escapeHtml(cell);
  return `${escapeHtml(cell.slice(0, at))}<span class="ci">${escapeHtml(cell.slice(at + 1))}</span>`;
}

export function reasonsHtml(results: Results): string {
  const rows = placementReasons(results);
  if (rows.length === 0) return `<p class="note">No task failed or waited for placement in any run.</p>`;
  const body = rows.map((r) => {
    const tasks = r.ci95 === null ? fmt3(r.mean) : `${fmt3(r.mean)} ± ${fmt3(r.ci95)}`;
    const cells = [r.strategy, r.kind, r.reason].map((c) => `<td>${escapeHtml(c)}</td>`).join("");
    return `<tr class="${r.kind}">${cells}<td class="num">${escapeHtml(tasks)}</td></tr>`;
  });
  return `<p class="note">Mean tasks per replication ± 95% CI half-width, by the check that excluded the most instances at the task's first attempt (<code>berth explain</code> shows the per-instance detail).</p>
${table("reasons", ["strategy", "outcome", "reason", "tasks per run"], body)}`;
}

/** Failure, loss and availability figures compared with the baseline when the scenario has dynamics. */
function dynamicsColumns(results: Results): Column[] {
  const counts = DYNAMICS_COUNTS.map((m) => metricColumn(`dynamics.${m.key}`));
  // A service name may hold dots: the path is spelt out rather than split.
  const availability = availabilityServices(results).map((svc) => ({
    ...metricColumn(`dynamics.services.${svc}.availability`),
    path: ["dynamics", "services", svc, "availability"],
  }));
  return results.strategies.some((s) => s.summary.dynamics) ? [...counts, ...availability] : [];
}

function pairedTableHtml(results: Results, columns: Column[]): string {
  const { header, rows } = pairedTable(results, columns, (c) => c);
  const compared = results.strategies.filter((s) => s.paired !== null);
  const body = rows.map((cells, r) => {
    const strategy = compared[r]!;
    const tds = cells.slice(1).map((cell, c) => {
      const significant = columnDifference(results, strategy, columns[c]!)?.significant === true;
      return `<td${significant ? ' class="significant"' : ""}>${splitCell(cell)}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(cells[0]!)}</th>${tds.join("")}</tr>`;
  });
  const head = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  return `<div class="table-wrap"><table class="paired"><thead><tr>${head}</tr></thead><tbody>${body.join("")}</tbody></table></div>`;
}

/** "" when there is no strategy besides the baseline. */
export function pairedHtml(results: Results): string {
  if (!results.strategies.some((s) => s.paired !== null)) return "";
  const dynamics = dynamicsColumns(results);
  return `<section>
<h2>Paired differences against ${escapeHtml(results.baseline)}</h2>
<p class="note">Each cell: mean over seeds of (strategy − baseline) with the 95% CI half-width of the per-seed differences (Student t) and the relative change in parentheses. <span class="significant">Highlighted</span> cells are significant: the interval excludes 0.</p>
${pairedTableHtml(results, HEADLINE_COLUMNS)}
${dynamics.length > 0 ? `<h3 class="sub">Failures, losses and availability</h3>\n${pairedTableHtml(results, dynamics)}` : ""}
</section>`;
}

const STATUS_TEXT = { passed: "pass", tripped: "TRIPPED", skipped: "skipped" } as const;

/** "" when the run had no gates. */
export function gatesHtml(results: Results): string {
  const t = gatesTable(results);
  if (!t) return "";
  const body = t.rows.map(
    (g) =>
      `<tr class="${g.status}"><td><code>${escapeHtml(g.gate)}</code></td><td>${escapeHtml(g.strategy)}</td><td class="status">${STATUS_TEXT[g.status]}</td><td>${escapeHtml(g.detail)}</td></tr>`,
  );
  return `<section>
<h2>Gates</h2>
<p class="verdict">${escapeHtml(t.verdict)}</p>
${table("gates", t.header, body)}
</section>`;
}
