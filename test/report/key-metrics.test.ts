import { describe, expect, it } from "vitest";
import { keyMetrics, type StrategyRuns } from "../../src/report/key-metrics.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";

/** The shipped AZ-rebalancing scenario, 2 seeds per strategy, as the verdict reads it. */
function azRebalancing(): StrategyRuns[] {
  const { scenario } = loadScenarioFile("scenarios/az-rebalancing.yaml");
  return compare(scenario, { replications: 2 }).map((s) => ({
    name: s.strategy.name,
    runs: s.runs.map((r) => ({ metrics: r.metrics, series: r.series, dynamics: r.dynamics })),
  }));
}

const all = azRebalancing();
const named = (...names: string[]) => all.filter((s) => names.includes(s.name));
const ranked = (strategies: StrategyRuns[]) => keyMetrics(strategies).map((m) => m.label);

describe("key metrics: zone balance", () => {
  it("ranks a service's zone imbalance where ECS AZ rebalancing moved its tasks", () => {
    const labels = ranked(named("spread-az", "binpack-memory"));
    expect(labels).toContain("api zone imbalance");
    // api-static has no AZ rebalancing and no strategy here moves tasks: nothing rebalanced its zones.
    expect(labels).not.toContain("api-static zone imbalance");
  });

  it("ranks it too where a strategy's rebalancer (az-balance) moved tasks", () => {
    const labels = ranked(named("spread-az", "spread-az+az-balance"));
    expect(labels).toContain("api-static zone imbalance");
    expect(labels).toContain("tasks moved by rebalancing");
  });
});
