import { describe, expect, it } from "vitest";
import { placementDelayChart } from "../../../src/report/charts/placement-delay.ts";
import { fixtureResults } from "../fixture.ts";
import { expectClose } from "./close.ts";

describe("placement delay chart", () => {
  it("plots the pooled percentile curve 0..100 of each strategy", () => {
    const results = fixtureResults();
    const values = (placementDelayChart(results).data as { values: Record<string, number | string>[] })
      .values;
    for (const s of results.strategies) {
      const mine = values.filter((v) => v.strategy === s.name);
      expect(mine.map((v) => v.percentile)).toEqual(Array.from({ length: 101 }, (_, i) => i));
      mine.forEach((v, i) => expectClose(v.delay, s.placementDelayCurve[i]!));
    }
    // The fixture's cluster is small enough that some tasks wait: the curve is not all zeros.
    expect(Math.max(...values.map((v) => v.delay as number))).toBeGreaterThan(0);
  });
});
