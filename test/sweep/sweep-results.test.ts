import { describe, expect, it } from "vitest";
import type { RunMetrics } from "../../src/metrics/run-metrics.ts";
import { bestHeatmap, metricHeatmap, sweepCharts } from "../../src/sweep/report/charts.ts";
import { renderSweepMarkdown } from "../../src/sweep/report/summary-markdown.ts";
import type { UnitRecord } from "../../src/sweep/run-unit.ts";
import { buildSweepResults, missingUnits } from "../../src/sweep/sweep-results.ts";
import type { SweepPlan } from "../../src/sweep/units.ts";
import { render } from "../report/charts/render.ts";

/** A 2 x 2 grid, strategies "a|b" and "c", 3 seeds; p99 = base + strategy offset + seed noise. */
function fixture() {
  const cells = [0, 1, 2, 3].map((index) => ({
    index,
    values: [[1, 2][index >> 1], ["x", "y"][index & 1]],
    scenarioHash: `h${index}`,
    seeds: [1, 2, 3],
  }));
  const plan: SweepPlan = {
    name: "t",
    description: "",
    hash: "abc",
    scenario: { file: "s.yaml", name: "s" },
    parameters: ["loadFactor", "cluster.instances[0].type"],
    strategies: ["a|b", "c"],
    metrics: ["placementDelay.p99", "cost.dollars"],
    cells,
    units: cells.flatMap((c) => c.seeds.map((seed) => ({ key: `k${c.index}${seed}`, cell: c.index, seed }))),
  };
  const metrics = (p99: number) =>
    ({ placementDelay: { p99 }, cost: { dollars: 10 + 1e-15 * p99 } }) as unknown as RunMetrics;
  const records: UnitRecord[] = plan.units.map((u) => ({
    key: u.key,
    cell: u.cell,
    seed: u.seed,
    // In cell 3 "c" is clearly better; elsewhere "a|b" is better by a little, with noise.
    runs: [
      { strategy: "a|b", metrics: metrics(u.cell * 10 + u.seed) },
      { strategy: "c", metrics: metrics(u.cell * 10 + u.seed + (u.cell === 3 ? -5 : 0.5 * (u.seed - 1.8))) },
    ],
    timing: { wallSeconds: 1 },
  }));
  return { plan, records };
}

describe("sweep results", () => {
  it("names the best strategy per cell, significant only when the paired CI excludes 0, ties as null", () => {
    const { plan, records } = fixture();
    const r = buildSweepResults(plan, records);
    expect(r.cells.map((c) => c.best[0])).toEqual([
      { metric: "placementDelay.p99", strategy: "a|b", significant: false },
      { metric: "placementDelay.p99", strategy: "a|b", significant: false },
      { metric: "placementDelay.p99", strategy: "a|b", significant: false },
      { metric: "placementDelay.p99", strategy: "c", significant: true },
    ]);
    // Costs equal up to rounding noise: a tie, not a winner.
    expect(r.cells.every((c) => c.best[1]!.strategy === null)).toBe(true);
    expect(r.cells[3]!.strategies[1]!.paired).not.toBeNull();
  });

  it("lists missing units and escapes user-written names in summary.md", () => {
    const { plan, records } = fixture();
    expect(missingUnits(plan, records.slice(1))).toEqual(["k01"]);
    const md = renderSweepMarkdown(buildSweepResults(plan, records));
    expect(md).toContain("a\\|b");
    expect(md).toContain("| 2 | y |");
  });

  it("adds heatmaps for a two-parameter grid, which render without warnings", async () => {
    const { plan, records } = fixture();
    const r = buildSweepResults(plan, records);
    expect(sweepCharts(r).map((c) => c.title)).toEqual([
      "placementDelay.p99 against loadFactor",
      "placementDelay.p99 against cluster.instances[0].type",
      "placementDelay.p99 over the grid",
      "Best strategy for placementDelay.p99",
      "cost.dollars against loadFactor",
      "cost.dollars against cluster.instances[0].type",
      "cost.dollars over the grid",
      "Best strategy for cost.dollars",
    ]);
    for (const chart of [metricHeatmap(r, "placementDelay.p99"), bestHeatmap(r, "placementDelay.p99")]) {
      const { svg, warnings } = await render(chart.spec);
      expect(warnings).toEqual([]);
      expect(svg).toContain("loadFactor");
    }
  });
});
