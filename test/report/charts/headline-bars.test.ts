import { describe, expect, it } from "vitest";
import {
  barMetrics,
  headlineBarsChart,
  headlineBarsEmpty,
} from "../../../src/report/charts/headline-bars.ts";
import type { Results } from "../../../src/report/results.ts";
import { estimate } from "../../../src/stats/confidence.ts";
import { fixtureResults, STRATEGY_NAMES } from "../fixture.ts";
import { BINPACK, lightLoad, SPREAD } from "../light-load.ts";
import { expectClose } from "./close.ts";
import { render } from "./render.ts";
import { markLabels } from "./svg.ts";

type Row = { metric: string; strategy: string; mean: number; low: number | null; high: number | null };
const rows = (r: Results) => (headlineBarsChart(r).data as { values: Row[] }).values;

describe("headline bars", () => {
  it("shows the metrics that differ, significant winners first, never utilization or a tie", () => {
    const r = lightLoad(`${SPREAD}\n${BINPACK}`);
    const chosen = barMetrics(r).map((e) => e.metric);
    // Binpack uses several instances fewer in every seed: the verdict's significant entry leads.
    expect(chosen[0]).toBe("instancesInUse.mean");
    // A fixed cluster costs the same under both strategies: no panel for a tie.
    expect(chosen).not.toContain("cost.dollars");
    expect(chosen.some((m) => m.startsWith("utilization."))).toBe(false);
    expect(chosen.length).toBeLessThanOrEqual(5);
    const significant = r.verdict.entries.filter((e) => e.significant).map((e) => e.metric);
    expect(chosen.slice(0, significant.length)).toEqual(significant.slice(0, 5));
  });

  it("draws one bar and one 95% CI whisker per strategy and chosen metric", async () => {
    const results = fixtureResults({ replications: 2 });
    const panels = barMetrics(results).length;
    expect(panels).toBeGreaterThan(0);
    const { svg, warnings } = await render(headlineBarsChart(results));
    expect(warnings).toEqual([]);
    expect(markLabels(svg, "bar")).toHaveLength(STRATEGY_NAMES.length * panels);
    expect(markLabels(svg, "errorbar").length).toBe(STRATEGY_NAMES.length * panels);
  });

  it("draws no whisker with one replication (no interval) but still the bars", async () => {
    const results = fixtureResults({ replications: 1 });
    const { svg, warnings } = await render(headlineBarsChart(results));
    expect(warnings).toEqual([]);
    expect(markLabels(svg, "bar")).toHaveLength(STRATEGY_NAMES.length * barMetrics(results).length);
    expect(markLabels(svg, "errorbar")).toEqual([]);
  });

  it("takes bar heights from the per-run values and clips whiskers to the metric's range", () => {
    const base = lightLoad(`${SPREAD}\n${BINPACK}`, 2);
    // Two seeds far apart: the Student t interval of the delay runs far below 0, of a share above 100%.
    const r: Results = structuredClone(base);
    r.strategies.forEach((s, k) => {
      s.runs[0]!.metrics.instancesInUse.mean = 0.5 - k * 0.2;
      s.runs[1]!.metrics.instancesInUse.mean = 9.5 - k * 0.2;
      s.runs[0]!.metrics.fragmentation.strandedMemory = 0.1 - k * 0.01;
      s.runs[1]!.metrics.fragmentation.strandedMemory = 0.95 - k * 0.01;
    });
    const values = rows(r);
    const inUse = values.filter((v) => v.metric === "instances in use");
    expect(inUse).toHaveLength(2);
    for (const [k, v] of inUse.entries()) {
      expectClose(v.mean, 5 - k * 0.2);
      expect(estimate([0.5, 9.5]).low!).toBeLessThan(0);
      expect(v.low).toBe(0);
      expect(v.high!).toBeGreaterThan(5);
    }
    for (const v of values.filter((x) => x.metric === "stranded memory")) {
      expect(v.high).toBe(1);
      expect(v.low).toBe(0);
    }
    for (const v of values) if (v.low !== null) expect(v.low).toBeGreaterThanOrEqual(0);
  });

  it("has nothing to show, and says why, with one strategy or when no metric differs", () => {
    const one = lightLoad(BINPACK, 2);
    expect(barMetrics(one)).toEqual([]);
    expect(headlineBarsEmpty(one)).toMatch(/only one strategy/i);
    const same = lightLoad(
      `${BINPACK}\n  - { name: again, placementStrategy: [{ type: binpack, field: memory }] }`,
      2,
    );
    expect(barMetrics(same)).toEqual([]);
    expect(headlineBarsEmpty(same)).toMatch(/no key metric differs/i);
    expect(headlineBarsEmpty(lightLoad(`${SPREAD}\n${BINPACK}`))).toBeUndefined();
  });
});
