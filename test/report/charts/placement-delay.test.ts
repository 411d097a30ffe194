import { describe, expect, it } from "vitest";
import {
  neverPlacedNote,
  placementDelayChart,
  placementDelayEmpty,
} from "../../../src/report/charts/placement-delay.ts";
import { neverPlaced } from "../../../src/report/never-placed.ts";
import { fixtureResults } from "../fixture.ts";
import { expectClose } from "./close.ts";
import { render } from "./render.ts";
import { markLabels, texts } from "./svg.ts";

describe("placement delay chart", () => {
  it("plots the pooled percentile curve 0..100 of each strategy", () => {
    const results = fixtureResults();
    const values = (placementDelayChart(results).data as { values: Record<string, number | string>[] })
      .values;
    for (const s of results.strategies) {
      const mine = values.filter((v) => v.strategy === s.name && v.percentile !== undefined);
      expect(mine.map((v) => v.percentile)).toEqual(Array.from({ length: 101 }, (_, i) => i));
      mine.forEach((v, i) => expectClose(v.delay, s.placementDelayCurve[i]!));
    }
    // The fixture's cluster is small enough that some tasks wait: the curve is not all zeros.
    expect(
      Math.max(...values.flatMap((v) => (v.delay === undefined ? [] : [v.delay as number]))),
    ).toBeGreaterThan(0);
    expect(placementDelayEmpty(results)).toBeUndefined();
  });

  it("shows the share of tasks never placed beside the curve and in a line under it", async () => {
    const results = fixtureResults({ instances: 1 });
    const never = results.strategies.map((s) => {
      const shares = s.runs.map((r) => neverPlaced(r.metrics) / r.metrics.tasks.submitted);
      return shares.reduce((a, v) => a + v, 0) / shares.length;
    });
    expect(Math.min(...never)).toBeGreaterThan(0.3);
    const values = (placementDelayChart(results).data as { values: Record<string, number | string>[] })
      .values;
    results.strategies.forEach((s, k) =>
      expectClose(
        values.find((v) => v.strategy === s.name && v.neverPlaced !== undefined)!.neverPlaced,
        never[k]!,
      ),
    );
    const { svg, warnings } = await render(placementDelayChart(results));
    expect(warnings).toEqual([]);
    expect(markLabels(svg, "bar")).toHaveLength(results.strategies.length);
    expect(texts(svg)).toContain("never placed");
    const note = neverPlacedNote(results);
    for (const [k, s] of results.strategies.entries())
      expect(note).toContain(`${s.name} ${(never[k]! * 100).toFixed(1)}%`);
  });

  it("says every task was placed, and draws no bars, when none was left unplaced", () => {
    const calm = fixtureResults({ instances: 12 });
    expect(neverPlacedNote(calm)).toMatch(/^Never placed: none/);
    expect(JSON.stringify(placementDelayChart(calm))).not.toContain("neverPlaced");
  });

  it("has nothing to show when every task was placed at once, and says so", () => {
    const calm = fixtureResults({ instances: 12 });
    expect(calm.strategies.every((s) => s.placementDelayCurve.every((d) => d === 0))).toBe(true);
    expect(placementDelayEmpty(calm)).toMatch(/placed at submission/);
  });
});
