import { describe, expect, it } from "vitest";
import { renderConsoleTable, renderConsoleVerdict } from "../../src/report/console-table.ts";
import { renderHtmlReport } from "../../src/report/html.ts";
import { renderSummaryMarkdown } from "../../src/report/summary-markdown.ts";
import { markdownText, terminalText } from "../../src/report/text-escape.ts";
import { lightLoad, SPREAD } from "./light-load.ts";

const HOSTILE = "pack*<b>|x\u001b[31m";

/** A strategy with a hostile name that packs, against spread: a significant instances-in-use winner. */
const results = () =>
  lightLoad(
    `${SPREAD}\n  - { name: ${JSON.stringify(HOSTILE)}, placementStrategy: [{ type: binpack, field: memory }] }`,
    3,
  );

describe("the verdict in the terminal, summary.md and index.html", () => {
  const r = results();

  it("comes first in summary.md, names the winner escaped, and bolds significant lines", () => {
    const md = renderSummaryMarkdown(r);
    expect(md.indexOf("## Verdict")).toBeGreaterThan(0);
    expect(md.indexOf("## Verdict")).toBeLessThan(md.indexOf("| strategy |"));
    expect(md).toContain(`**instances in use: ${markdownText(HOSTILE)} is best`);
    const verdict = md.slice(md.indexOf("## Verdict"), md.indexOf("| strategy |"));
    expect(verdict).not.toContain("<b>");
    expect(verdict).not.toContain("\u001b");
  });

  it("comes before the headline in index.html, escaped", () => {
    const html = renderHtmlReport(r);
    const verdict = html.indexOf('<section class="verdict-block"');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(html.indexOf("<h2>Headline</h2>"));
    expect(html).toContain("instances in use: pack*&lt;b&gt;|x");
  });

  it("prints the winners in the terminal with control characters made visible, and cost in the table", () => {
    const text = renderConsoleVerdict(r);
    expect(text).toContain(`* instances in use: ${terminalText(HOSTILE)} is best`);
    expect(text).not.toContain("\u001b");
    const table = renderConsoleTable(r);
    expect(table.split("\n")[0]).toMatch(/^strategy\s+cost\s+instances in use/);
    expect(table).toContain("$");
    expect(table).not.toContain("\u001b");
  });

  it("marks a best value in the HTML headline only where it is significant", () => {
    const html = renderHtmlReport(r);
    const headline = html.slice(
      html.indexOf('<table class="headline">'),
      html.indexOf("</table>", html.indexOf('<table class="headline">')),
    );
    // instances in use: the packer wins significantly; cost is equal for a fixed cluster: no mark there.
    const best = [...headline.matchAll(/<td class="best">([^<]*)/g)].map((m) => m[1]);
    expect(best.length).toBeGreaterThan(0);
    expect(best.some((cell) => cell!.startsWith("$"))).toBe(false);
  });
});
