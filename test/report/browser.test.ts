/**
 * The report in a real browser, offline: Chromium opens index.html from file://, every chart must draw,
 * nothing may be fetched from a network, and nothing may log an error. The browser is found by
 * test/helpers/browser.ts (BERTH_CHROMIUM / CHROME_PATH, a system one, else the packaged dev dependency);
 * a missing browser is a failure, never a skip.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChartId, chartsFor, emptyReason } from "../../src/report/charts/index.ts";
import { renderHtmlReport } from "../../src/report/html.ts";
import { buildResults, type Results } from "../../src/report/results.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";
import { BROWSER_ARGS, type FoundBrowser, findBrowser } from "../helpers/browser.ts";
import { dynamicsResults } from "./dynamics-fixture.ts";
import { fixtureResults } from "./fixture.ts";

const LOCAL = /^(file|data|blob):/;

/** Where screenshots go: the test's output folder under reports/ (ignored by git), or BERTH_SCREENSHOTS. */
const SCREENSHOTS = process.env.BERTH_SCREENSHOTS ?? join("reports", "browser-test");

/** The whole page and each chart figure (drawn or replaced by its note) as PNG files. */
async function saveScreenshots(page: Page, name: string): Promise<void> {
  const dir = join(SCREENSHOTS, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, "page.png"), fullPage: true });
  const figures = page.locator("figure.chart");
  for (let k = 0; k < (await figures.count()); k++) {
    const figure = figures.nth(k);
    const id =
      (await figure
        .locator(".vis")
        .getAttribute("data-chart")
        .catch(() => null)) ?? (await figure.locator(".chart-empty").getAttribute("data-chart-empty"));
    await figure.screenshot({ path: join(dir, `${String(k + 1).padStart(2, "0")}-${id}.png`) });
  }
}

const PNG_SIGNATURE = "89504e470d0a1a0a";

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
  /** Rect marks of the chart's data (the heatmap's cells; legend gradients and backgrounds excluded). */
  cells: number;
  failed: string | null;
  /** The one line shown instead of a chart with nothing to show; null for a drawn chart. */
  note: string | null;
}

/** Every chart figure: what it drew, or the note that replaces it (a figure with neither is a failure). */
const DRAWN_CHARTS = `[...document.querySelectorAll("figure.chart")].map((fig) => {
  const el = fig.querySelector(".vis");
  const empty = fig.querySelector(".chart-empty");
  const drawn = el?.querySelector("svg, canvas")?.getBoundingClientRect() ?? { width: 0, height: 0 };
  return {
    id: el ? el.getAttribute("data-chart") : empty ? empty.getAttribute("data-chart-empty") : null,
    width: drawn.width,
    height: drawn.height,
    marks: el ? el.querySelectorAll("path, rect, line").length : 0,
    cells: el ? el.querySelectorAll('[aria-roledescription="rect mark"]').length : 0,
    failed: el && el.classList.contains("failed") ? el.textContent : null,
    note: empty ? empty.textContent : null,
  };
})`;

/**
 * Opens the report of `results` from file:// and checks every chart it should show drew, offline, cleanly,
 * or carries the one line saying why it has nothing to show: no chart is empty without its note. With
 * `screenshot`, saves the whole page and each chart as PNG under SCREENSHOTS/<screenshot>/.
 */
async function expectRendersCleanly(
  browser: Browser,
  results: Results,
  screenshot?: string,
): Promise<DrawnChart[]> {
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
      const reason = emptyReason(results, c.id as ChartId);
      if (reason !== undefined) {
        expect(c.note, `${c.id} note`).toBe(reason);
        expect(c.marks, `${c.id} drew marks beside its note`).toBe(0);
        continue;
      }
      expect(c.note, `${c.id} has a note but data`).toBeNull();
      expect(c.width, `${c.id} width`).toBeGreaterThan(50);
      expect(c.height, `${c.id} height`).toBeGreaterThan(50);
      expect(c.marks, `${c.id} marks`).toBeGreaterThan(3);
    }
    if (screenshot) await saveScreenshots(page, screenshot);
    expect(requests.filter((u) => !LOCAL.test(u))).toEqual([]);
    expect(requests).toContain(pathToFileURL(file).href);
    expect(errors).toEqual([]);
    return charts;
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

  it("replaces each chart with nothing to show by its note, and draws the others", {
    timeout: 60_000,
  }, async () => {
    // Twelve instances for the fixture's load: no task ever waits, so the pending chart has nothing to show.
    const calm = fixtureResults({ instances: 12 });
    expect(emptyReason(calm, "pending")).toBeDefined();
    const charts = await expectRendersCleanly(browser!, calm);
    expect(charts.filter((c) => c.note !== null).map((c) => c.id)).toContain("pending");
    expect(charts.filter((c) => c.note === null).length).toBeGreaterThan(2);
  });

  it("renders the quick start's report and saves screenshots of it", { timeout: 120_000 }, async () => {
    const { scenario } = loadScenarioFile("scenarios/quickstart.yaml");
    const results = buildResults(scenario, compare(scenario, { heatmapSeed: scenario.seed }));
    const charts = await expectRendersCleanly(browser!, results, "quickstart");
    // The packing heatmap draws one rect per cell where an instance existed, in every strategy's panel.
    const cells = results.strategies.reduce(
      (n, s) => n + s.packing!.rows.reduce((m, r) => m + r.cpu.filter((v) => v !== null).length, 0),
      0,
    );
    expect(cells).toBeGreaterThan(100);
    expect(charts.find((c) => c.id === "packingHeatmap")?.cells).toBe(cells);
    const dir = join(SCREENSHOTS, "quickstart");
    for (const file of [
      "page.png",
      ...charts.map((c, k) => `${String(k + 1).padStart(2, "0")}-${c.id}.png`),
    ]) {
      expect(statSync(join(dir, file)).size, file).toBeGreaterThan(2000);
      expect(readFileSync(join(dir, file)).subarray(0, 8).toString("hex")).toBe(PNG_SIGNATURE);
    }
  });

  it("renders a dynamics report (groups, reservation, services, losses, gates) without errors", {
    timeout: 60_000,
  }, async () => {
    const results = dynamicsResults("autoscaling", ["tasks.pendingAtEnd < 1"]);
    expect(chartsFor(results)).toContain("reservation");
    await expectRendersCleanly(browser!, results);
  });
});
