import { describe, expect, it } from "vitest";
import { barMetrics } from "../../../src/report/charts/headline-bars.ts";
import { CHARTS, type ChartId, chartsFor } from "../../../src/report/charts/index.ts";
import { fixtureResults, STRATEGY_NAMES } from "../fixture.ts";
import { render } from "./render.ts";
import { markLabels, texts } from "./svg.ts";

const results = fixtureResults();

/** The charts a report without dynamics shows (dynamics charts: dynamics-charts.test.ts). */
const SHOWN = chartsFor(results);

/** Marks each chart draws per strategy: one line per panel, or one bar per key metric that differs. */
const MARKS_PER_STRATEGY: Partial<Record<ChartId, { role: string; count: number }>> = {
  headline: { role: "bar", count: barMetrics(results).length },
  utilization: { role: "line mark", count: 2 },
  placementDelay: { role: "line mark", count: 1 },
  pending: { role: "line mark", count: 1 },
  instancesInUse: { role: "line mark", count: 1 },
  stranded: { role: "line mark", count: 2 },
  // One cell per instance (4) and bin (60) of the recorded seed.
  packingHeatmap: { role: "rect mark", count: 4 * 60 },
  // p50 and p99 of each replication.
  decisionTime: { role: "point", count: 2 * results.scenario.seeds.length },
};

it("covers every chart shown without dynamics", () => {
  expect(SHOWN).toEqual(Object.keys(MARKS_PER_STRATEGY));
});

describe.each(SHOWN)("chart %s", (id) => {
  const chart = CHARTS[id];

  it("has a title and a caption", () => {
    expect(chart.title.length).toBeGreaterThan(5);
    expect(chart.caption.length).toBeGreaterThan(40);
  });

  it("compiles and renders headless without warnings", async () => {
    const { svg, warnings } = await render(chart.build(results));
    expect(warnings).toEqual([]);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toMatch(/<(path|rect)\b/);
  });

  it("draws the expected marks for every strategy and names each strategy on the chart", async () => {
    const { svg } = await render(chart.build(results));
    const { role, count } = MARKS_PER_STRATEGY[id]!;
    const labels = markLabels(svg, role);
    expect(labels).toHaveLength(STRATEGY_NAMES.length * count);
    const drawn = texts(svg);
    for (const name of STRATEGY_NAMES) {
      expect(labels.filter((l) => l.includes(`strategy: ${name}`))).toHaveLength(count);
      // A panel title may say more about the strategy's panel ("binpack: seed 7, ...").
      expect(drawn.some((t) => t === name || t.startsWith(`${name}: `))).toBe(true);
    }
  });

  it("inlines its data (no URLs to fetch)", () => {
    const spec = JSON.stringify(chart.build(results));
    expect(spec).not.toMatch(/"url"\s*:/);
    expect(spec).toContain('"values"');
  });
});
