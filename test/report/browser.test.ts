/**
 * The report in a real browser, offline: Chromium opens index.html from file://, every chart must draw,
 * nothing may be fetched from a network, and nothing may log an error. The browser is found by
 * test/helpers/browser.ts (BERTH_CHROMIUM / CHROME_PATH, a system one, else the packaged dev dependency);
 * a missing browser is a failure, never a skip.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartsFor } from "../../src/report/charts/index.ts";
import { renderHtmlReport } from "../../src/report/html.ts";
import type { Results } from "../../src/report/results.ts";
import { BROWSER_ARGS, type FoundBrowser, findBrowser } from "../helpers/browser.ts";
import { dynamicsResults } from "./dynamics-fixture.ts";
import { fixtureResults } from "./fixture.ts";

const LOCAL = /^(file|data|blob):/;

// Browser-side expressions as strings: the project's TypeScript has no DOM library.
// A chart that fails to embed gets class "failed" and its error text, so waiting ends either way.
const ALL_DRAWN = `[...document.querySelectorAll(".vis")].every(
  (el) => el.querySelector("svg, canvas") !== null || el.classList.contains("failed"),
)`;

interface DrawnChart {
  id: string | null;
  width: number;
  height: number;
  marks: number;
  failed: string | null;
}

const DRAWN_CHARTS = `[...document.querySelectorAll(".vis")].map((el) => {
  const drawn = el.querySelector("svg, canvas")?.getBoundingClientRect() ?? { width: 0, height: 0 };
  return {
    id: el.getAttribute("data-chart"),
    width: drawn.width,
    height: drawn.height,
    marks: el.querySelectorAll("path, rect, line").length,
    failed: el.classList.contains("failed") ? el.textContent : null,
  };
})`;

/** Opens the report of `results` from file:// and checks every chart it should show drew, offline, cleanly. */
async function expectRendersCleanly(browser: Browser, results: Results): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "berth-report-"));
  const file = join(dir, "index.html");
  writeFileSync(file, renderHtmlReport(results));
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  try {
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    // Anything non-local is recorded above, then refused so the test never depends on a network.
    await page.route(
      (url) => !LOCAL.test(url.href),
      (route) => route.abort(),
    );

    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await page.waitForFunction(ALL_DRAWN, undefined, { timeout: 20_000 });
    const charts = await page.evaluate<DrawnChart[]>(DRAWN_CHARTS);
    expect(charts.map((c) => c.id)).toEqual(chartsFor(results));
    for (const c of charts) {
      expect(c.failed, `${c.id} failed`).toBeNull();
      expect(c.width, `${c.id} width`).toBeGreaterThan(50);
      expect(c.height, `${c.id} height`).toBeGreaterThan(50);
      expect(c.marks, `${c.id} marks`).toBeGreaterThan(3);
    }
    expect(requests.filter((u) => !LOCAL.test(u))).toEqual([]);
    expect(requests).toContain(pathToFileURL(file).href);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("HTML report in chromium", () => {
  let found: FoundBrowser | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    found = await findBrowser();
    browser = await chromium.launch({
      executablePath: found.executablePath,
      args: BROWSER_ARGS,
      env: { ...process.env, ...found.env },
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    found?.dispose();
  });

  it("renders every chart offline without errors", { timeout: 60_000 }, async () => {
    await expectRendersCleanly(browser!, fixtureResults());
  });

  it("renders a dynamics report (groups, reservation, services, losses, gates) without errors", {
    timeout: 60_000,
  }, async () => {
    const results = dynamicsResults("autoscaling", ["tasks.pendingAtEnd < 1"]);
    expect(chartsFor(results)).toContain("reservation");
    await expectRendersCleanly(browser!, results);
  });
});
