import { describe, expect, it } from "vitest";
import {
  decisionTimeChart,
  decisionTimeEmpty,
  decisionTimeRows,
} from "../../../src/report/charts/decision-time.ts";
import type { Results } from "../../../src/report/results.ts";
import { fixtureResults, STRATEGY_NAMES } from "../fixture.ts";
import { expectClose } from "./close.ts";
import { render } from "./render.ts";
import { markLabels, texts } from "./svg.ts";

describe("decision time chart", () => {
  const results = fixtureResults();

  it("plots each replication's sampled p50 and p99 per strategy, labelled as wall-clock", async () => {
    const rows = decisionTimeRows(results);
    expect(rows).toHaveLength(STRATEGY_NAMES.length * results.scenario.seeds.length * 2);
    for (const s of results.strategies)
      for (const r of s.runs)
        for (const statistic of ["p50", "p99"] as const) {
          const row = rows.find(
            (x) => x.strategy === s.name && x.seed === r.seed && x.statistic === statistic,
          )!;
          expectClose(row.us, Math.max(0.001, r.timing.decisionTimeUs[statistic]));
        }
    const { svg, warnings } = await render(decisionTimeChart(results));
    expect(warnings).toEqual([]);
    expect(markLabels(svg, "point")).toHaveLength(rows.length);
    expect(texts(svg).join(" ")).toContain("wall-clock microseconds");
    for (const name of STRATEGY_NAMES) expect(texts(svg)).toContain(name);
    expect(decisionTimeEmpty(results)).toBeUndefined();
  });

  it("says why when no decision was timed", () => {
    const none: Results = structuredClone(results);
    for (const s of none.strategies) for (const r of s.runs) r.timing.decisions = 0;
    expect(decisionTimeRows(none)).toEqual([]);
    expect(decisionTimeEmpty(none)).toMatch(/no placement decision was timed/i);
  });
});
