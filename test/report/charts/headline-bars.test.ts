import { describe, expect, it } from "vitest";
import { headlineBarsChart } from "../../../src/report/charts/headline-bars.ts";
import { fixtureResults, STRATEGY_NAMES } from "../fixture.ts";
import { expectClose } from "./close.ts";
import { render } from "./render.ts";
import { markLabels } from "./svg.ts";

describe("headline bars", () => {
  it("draws a 95% CI whisker per bar when there are several replications", async () => {
    const results = fixtureResults({ replications: 2 });
    const { svg } = await render(headlineBarsChart(results));
    expect(markLabels(svg, "bar")).toHaveLength(STRATEGY_NAMES.length * 4);
    expect(markLabels(svg, "errorbar").length).toBe(STRATEGY_NAMES.length * 4);
  });

  it("draws no whisker with one replication (no interval) but still the bars", async () => {
    const results = fixtureResults({ replications: 1 });
    const { svg, warnings } = await render(headlineBarsChart(results));
    expect(warnings).toEqual([]);
    expect(markLabels(svg, "bar")).toHaveLength(STRATEGY_NAMES.length * 4);
    expect(markLabels(svg, "errorbar")).toEqual([]);
  });

  it("takes bar heights and whiskers from the summary estimates", () => {
    const results = fixtureResults({ replications: 2 });
    const values = (headlineBarsChart(results).data as { values: Record<string, unknown>[] }).values;
    for (const s of results.strategies) {
      const row = values.find((v) => v.strategy === s.name && v.metric === "memory utilization")!;
      const e = (s.summary.utilization as Record<string, { mean: number; low: number; high: number }>)
        .memory!;
      expectClose(row.mean, e.mean);
      expectClose(row.low, e.low);
      expectClose(row.high, e.high);
    }
  });
});
