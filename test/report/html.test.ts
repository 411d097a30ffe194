import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHARTS, chartsFor } from "../../src/report/charts/index.ts";
import { headlineTable } from "../../src/report/headline.ts";
import { escapeHtml, escapeScript, renderHtmlReport } from "../../src/report/html.ts";
import { DESCRIPTION, fixtureResults } from "./fixture.ts";

const results = fixtureResults();
const html = renderHtmlReport(results);

/** The page without the inlined libraries (whose code mentions tags and URLs in strings). */
const page = html.replace(/<script data-library="[^"]+">[\s\S]*?<\/script>/g, "");

const libraryFile = (path: string) =>
  readFileSync(new URL(`../../node_modules/${path}`, import.meta.url), "utf8");

describe("renderHtmlReport: self-contained", () => {
  it.each([
    ["vega", "vega/build/vega.min.js"],
    ["vega-lite", "vega-lite/build/vega-lite.min.js"],
    ["vega-embed", "vega-embed/build/vega-embed.min.js"],
  ])("inlines the whole %s browser build", (name, path) => {
    const code = escapeScript(libraryFile(path));
    const start = html.indexOf(`<script data-library="${name}">`);
    expect(start).toBeGreaterThan(0);
    expect(html.slice(start).startsWith(`<script data-library="${name}">${code}</script>`)).toBe(true);
  });

  it("loads nothing from elsewhere", () => {
    expect(page.length).toBeLessThan(html.length / 2);
    expect(page).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(page).not.toMatch(/<link\b/i);
    expect(page).not.toMatch(/<(img|iframe)\b/i);
    expect(page).not.toMatch(/@import|url\(|https?:/i);
  });

  it("closes every script exactly where it should (no premature </script>)", () => {
    const opens = html.match(/<script\b/gi)!.length;
    expect(html.match(/<\/script/gi)!.length).toBe(opens);
    expect(opens).toBe(5);
  });
});

describe("renderHtmlReport: content", () => {
  it("escapes user strings", () => {
    expect(html).toContain(escapeHtml(DESCRIPTION));
    expect(escapeHtml(DESCRIPTION)).toBe("Mixed &lt;b&gt;web &amp; worker&lt;/b&gt; load");
    expect(html).not.toContain("<b>web");
  });

  it("shows seeds, horizon and the scenario hash", () => {
    expect(html).toContain(`${results.scenario.seeds.join(", ")} (2 replications)`);
    expect(html).toContain("2h (7200 s)");
    expect(html).toContain(`<code>${results.scenario.hash}</code>`);
  });

  it("renders every cell of the shared headline table", () => {
    const { header, rows } = headlineTable(results);
    const table = html.slice(html.indexOf('<table class="headline">'), html.indexOf("</table>"));
    for (const h of header) expect(table).toContain(`<th scope="col">${escapeHtml(h)}</th>`);
    for (const row of rows) {
      expect(table).toContain(`<th scope="row">${escapeHtml(row[0]!)}</th>`);
      for (const cell of row.slice(1)) {
        const shown =
          escapeHtml(cell).replace(" ± ", '<span class="ci">± ') + (cell.includes(" ± ") ? "</span>" : "");
        expect(table).toMatch(new RegExp(`<td[^>]*>${escapeRe(shown)}</td>`));
      }
    }
    expect(table.match(/<tr>/g)).toHaveLength(rows.length + 1);
  });

  it("gives every chart a container, title and caption, and ships exactly the built specs", () => {
    const CHART_IDS = chartsFor(results);
    for (const id of CHART_IDS) {
      expect(html).toContain(`<div class="vis" id="chart-${id}" data-chart="${id}"></div>`);
      expect(html).toContain(`<h3>${escapeHtml(CHARTS[id].title)}</h3>`);
      expect(html).toContain(`<figcaption>${escapeHtml(CHARTS[id].caption)}</figcaption>`);
    }
    const json = /<script type="application\/json" id="berth-specs">([^<]*)<\/script>/.exec(html)![1]!;
    const specs = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(specs)).toEqual(CHART_IDS);
    for (const id of CHART_IDS)
      expect(specs[id]).toEqual(JSON.parse(JSON.stringify(CHARTS[id].build(results))));
  });

  it("lists each strategy with its placement chain", () => {
    expect(html).toContain(
      `<dt>spread-az</dt><dd><code>${escapeHtml("spread(attribute:ecs.availability-zone) > spread(instanceId)")}</code>`,
    );
    expect(html).toContain("<code>binpack(memory)</code>");
    expect(html).toContain("<code>random</code>");
  });

  it("says when no task failed or waited, and lists failure reasons per strategy when placements fail", () => {
    const calm = renderHtmlReport(fixtureResults({ instances: 12 }));
    expect(calm).toContain("No task failed or waited for placement in any run.");
    const failing = fixtureResults({ pending: "fail", instances: 2 });
    const page = renderHtmlReport(failing);
    const table = page.slice(page.indexOf('<table class="reasons">'));
    expect(page).not.toContain("No task failed or waited");
    for (const s of failing.strategies) {
      const reasons = Object.keys(s.runs[0]!.metrics.failureReasons);
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) {
        expect(table).toContain(
          `<tr class="failed"><td>${escapeHtml(s.name)}</td><td>failed</td><td>${escapeHtml(reason)}</td>`,
        );
      }
    }
  });

  it("is deterministic", () => {
    expect(renderHtmlReport(results)).toBe(html);
  });
});

describe("escapeScript", () => {
  it("leaves no closing script tag in any letter case", () => {
    const out = escapeScript('var a = "</script>", b = "</SCRIPT >";');
    expect(out).not.toMatch(/<\/script/i);
    expect(out).toBe('var a = "<\\/script>", b = "<\\/SCRIPT >";');
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
