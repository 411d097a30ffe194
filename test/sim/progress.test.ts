import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";

describe("progress within a run", () => {
  it("reports rising simulated time every 4,096 events and changes nothing in the results", () => {
    // Ten times the quick start's arrivals: enough events for several ticks.
    const { scenario } = loadScenarioFile("scenarios/quickstart.yaml", {
      overrides: [{ path: ["loadFactor"], value: 10, origin: "test" }],
    });
    const ticks: [string, number, number, number][] = [];
    const strategies = scenario.strategies.slice(0, 1);
    const watched = compare(scenario, {
      strategies,
      replications: 1,
      onProgress: (name, seed, t, n) => ticks.push([name, seed, t, n]),
    });
    const events = watched[0]!.runs[0]!.timing.events;
    expect(ticks).toHaveLength(Math.floor(events / 4096));
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.map((k) => k[3])).toEqual(ticks.map((_, k) => (k + 1) * 4096));
    for (let k = 1; k < ticks.length; k++) expect(ticks[k]![2]).toBeGreaterThanOrEqual(ticks[k - 1]![2]);
    expect(ticks[0]!.slice(0, 2)).toEqual([strategies[0]!.name, scenario.seed]);
    const plain = compare(scenario, { strategies, replications: 1 });
    expect(watched[0]!.runs[0]!.metrics).toEqual(plain[0]!.runs[0]!.metrics);
  });
});
