import { describe, expect, it } from "vitest";
import { chartsFor, emptyReason } from "../../src/report/charts/index.ts";
import { HEADLINE_COLUMNS } from "../../src/report/headline.ts";
import { escapeHtml, renderHtmlReport } from "../../src/report/html.ts";
import { gatesHtml, pairedHtml, reasonsHtml } from "../../src/report/html-sections.ts";
import { columnDifference, pairedTable } from "../../src/report/paired-table.ts";
import { placementReasons } from "../../src/report/placement-reasons.ts";
import type { Results } from "../../src/report/results.ts";
import { dynamicsResults } from "./dynamics-fixture.ts";

const GATES = [
  "tasks.pendingAtEnd < 1",
  "instancesInUse.mean of spread-instance no worse than baseline by more than 1%",
];
const results = dynamicsResults("autoscaling", GATES);
const html = renderHtmlReport(results);

/** The <table> of this class inside `page`. */
const tableOf = (page: string, cls: string) => {
  const start = page.indexOf(`<table class="${cls}">`);
  expect(start).toBeGreaterThan(0);
  return page.slice(start, page.indexOf("</table>", start));
};

describe("HTML report of a dynamics scenario", () => {
  it("has a chart container for every chart its data supports, dynamics ones included", () => {
    const ids = chartsFor(results);
    expect(ids).toContain("instancesByGroup");
    expect(ids).toContain("reservation");
    const drawn = ids.filter((id) => emptyReason(results, id) === undefined);
    expect(html.match(/<div class="vis" id="chart-/g)).toHaveLength(drawn.length);
    for (const id of drawn) expect(html).toContain(`data-chart="${id}"`);
    for (const id of ids.filter((id) => !drawn.includes(id)))
      expect(html).toContain(`data-chart-empty="${id}">${escapeHtml(emptyReason(results, id)!)}</p>`);
  });

  it("shows paired differences with the shared cells, highlighting exactly the significant ones", () => {
    expect(html).toContain("<h2>Paired differences against binpack-memory</h2>");
    const { rows } = pairedTable(results, HEADLINE_COLUMNS, (c) => c);
    const table = tableOf(html, "paired");
    const spread = results.strategies[1]!;
    expect(rows).toHaveLength(1);
    const cells = [...table.matchAll(/<td( class="significant")?>(.*?)<\/td>/g)];
    expect(cells).toHaveLength(HEADLINE_COLUMNS.length);
    HEADLINE_COLUMNS.forEach((col, c) => {
      const significant = columnDifference(results, spread, col)?.significant === true;
      expect(cells[c]![1] !== undefined, col.label).toBe(significant);
      const text = cells[c]![2]!.replace(/<span class="ci">/, " ").replace("</span>", "");
      expect(text).toBe(escapeHtml(rows[0]![c + 1]!));
    });
    // spread keeps far more instances than binpack on every seed.
    expect(cells.filter((m) => m[1] !== undefined).length).toBeGreaterThan(0);
  });

  it("compares failures, losses and availability in a second paired table", () => {
    const section = pairedHtml(results);
    expect(section).toContain("Failures, losses and availability");
    const second = section.slice(section.lastIndexOf('<table class="paired">'));
    for (const h of [
      "tasks lost",
      "container failures",
      "start failures",
      "instances lost",
      "api availability",
    ])
      expect(second).toContain(`<th scope="col">${h}</th>`);
  });

  it("lists every gate check with its status", () => {
    expect(results.gates.length).toBe(3);
    const table = tableOf(html, "gates");
    for (const g of results.gates) {
      expect(table).toContain(
        `<tr class="${g.status}"><td><code>${escapeHtml(g.gate)}</code></td><td>${escapeHtml(g.strategy)}</td>`,
      );
      expect(table).toContain(escapeHtml(g.message));
    }
    const tripped = results.gates.filter((g) => g.status === "tripped").length;
    expect(tripped).toBe(1);
    expect(html).toContain(`<p class="verdict">${tripped} of 3 gate checks tripped.</p>`);
    expect(table).toContain('<td class="status">TRIPPED</td>');
  });

  it("lists why tasks waited, from the shared reason rows", () => {
    const waiting = dynamicsResults("az-outage");
    const rows = placementReasons(waiting);
    expect(rows.length).toBeGreaterThan(0);
    const table = tableOf(reasonsHtml(waiting), "reasons");
    for (const r of rows)
      expect(table).toContain(`<tr class="waited"><td>${r.strategy}</td><td>waited</td><td>${r.reason}</td>`);
  });

  it("leaves out the paired and gates sections when there is nothing to compare or check", () => {
    const alone: Results = { ...results, strategies: [results.strategies[0]!], gates: [] };
    expect(pairedHtml(alone)).toBe("");
    expect(gatesHtml(alone)).toBe("");
    const page = renderHtmlReport(alone);
    expect(page).not.toContain("Paired differences");
    expect(page).not.toContain("<h2>Gates</h2>");
  });

  it("escapes strategy names, gate texts and reasons", () => {
    const evil = "spread <i>&</i>";
    const renamed = JSON.parse(JSON.stringify(results).replaceAll("spread-instance", evil)) as Results;
    renamed.strategies[0]!.summary.waitReasons = {
      "<b>x</b>": { mean: 2, ci95: null, low: null, high: null, n: 1 },
    };
    const page = renderHtmlReport(renamed);
    const body = page.replace(/<script\b[\s\S]*?<\/script>/g, "");
    expect(body).not.toContain("<i>");
    expect(body).not.toContain("<b>x");
    expect(tableOf(page, "paired")).toContain(`<th scope="row">${escapeHtml(evil)}</th>`);
    expect(tableOf(page, "gates")).toContain(`<td>${escapeHtml(evil)}</td>`);
    expect(tableOf(page, "reasons")).toContain(`<td>${escapeHtml("<b>x</b>")}</td>`);
  });
});
