import { describe, expect, it } from "vitest";
import { distributionMean } from "../../src/core/distributions.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";

describe("scenarios/scale-1m.yaml (the end-to-end benchmark)", () => {
  const { scenario, warnings } = loadScenarioFile("scenarios/scale-1m.yaml");

  it("loads cleanly with 10,000 instances and the three benchmarked strategies", () => {
    expect(warnings).toEqual([]);
    expect(scenario.instanceGroups.reduce((n, g) => n + g.count, 0)).toBe(10_000);
    expect(scenario.strategies.map((s) => s.name)).toEqual([
      "binpack-memory",
      "spread-instance",
      "first-fit",
    ]);
  });

  it("offers about a million tasks and a steady-state load near 85% of memory, as its header says", () => {
    let rate = 0;
    let memory = 0;
    let cpu = 0;
    for (const s of scenario.sources) {
      const a = s.arrival;
      if (a.type !== "poisson" || a.ratePerSecond === undefined)
        throw new Error("expected Poisson rates per second");
      const running = a.ratePerSecond * distributionMean(s.duration); // Little's law: L = lambda x W
      rate += a.ratePerSecond;
      memory += running * scenario.shapes[s.shape]!.memory;
      cpu += running * scenario.shapes[s.shape]!.cpu;
    }
    const type = scenario.instanceGroups[0]!.type;
    expect(rate * scenario.horizon).toBeGreaterThan(1_000_000);
    expect(rate * scenario.horizon).toBeLessThan(1_010_000);
    expect(memory / (10_000 * type.memory)).toBeCloseTo(0.846, 2);
    expect(cpu / (10_000 * type.cpu)).toBeCloseTo(0.765, 2);
  });
});
