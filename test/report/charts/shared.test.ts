import { describe, expect, it } from "vitest";
import { meanSeries, strategyColor, timeAxis } from "../../../src/report/charts/shared.ts";
import { fixtureResults, STRATEGY_NAMES } from "../fixture.ts";
import { expectClose } from "./close.ts";

const results = fixtureResults({ replications: 3 });

describe("meanSeries", () => {
  it("averages each sample time over the replications, per strategy", () => {
    const rows = meanSeries(results, "pending");
    const { secondsPerUnit } = timeAxis(results);
    for (const s of results.strategies) {
      const mine = rows.filter((r) => r.strategy === s.name);
      const t = s.runs[0]!.series.t;
      expect(mine).toHaveLength(t.length);
      for (const i of [0, Math.floor(t.length / 2), t.length - 1]) {
        const mean = s.runs.reduce((sum, run) => sum + run.series.pending[i]!, 0) / s.runs.length;
        expectClose(mine[i]!.time, t[i]! / secondsPerUnit);
        expectClose(mine[i]!.value, mean);
      }
    }
  });

  it("is not just the first run: the runs differ somewhere and the mean sits between them", () => {
    const s = results.strategies[0]!;
    const [a, b] = [s.runs[0]!.series.pending, s.runs[1]!.series.pending];
    const i = a.findIndex((v, k) => v !== b[k]);
    expect(i).toBeGreaterThanOrEqual(0);
    const row = meanSeries(results, "pending").filter((r) => r.strategy === s.name)[i]!;
    const values = s.runs.map((r) => r.series.pending[i]!);
    expect(row.value).toBeGreaterThanOrEqual(Math.min(...values));
    expect(row.value).toBeLessThanOrEqual(Math.max(...values));
  });
});

describe("time axis and colours", () => {
  it("uses hours for a two-hour run", () => {
    expect(results.scenario.horizon).toBe(7200);
    expect(timeAxis(results)).toEqual({ title: "simulated time (hours)", secondsPerUnit: 3600 });
  });

  it("keeps strategies in scenario order so colours match across charts", () => {
    expect(strategyColor(results).scale.domain).toEqual([...STRATEGY_NAMES]);
  });
});
