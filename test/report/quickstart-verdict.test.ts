/**
 * The shipped quick start must tell its story: binpack significantly cheaper, spread significantly faster
 * to place, a trade-off sentence, and no warning that would make the comparison meaningless.
 */
import { describe, expect, it } from "vitest";
import { buildResults } from "../../src/report/results.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";

describe("scenarios/quickstart.yaml", () => {
  const { scenario } = loadScenarioFile("scenarios/quickstart.yaml");
  const { verdict } = buildResults(scenario, compare(scenario));
  const entry = (metric: string) => verdict.entries.find((e) => e.metric === metric)!;

  it("has a significant winner on cost and one on placement delay, and they differ", () => {
    expect(entry("cost.dollars")).toMatchObject({ best: "binpack-memory", significant: true });
    expect(entry("instancesInUse.mean")).toMatchObject({ best: "binpack-memory", significant: true });
    expect(entry("placementDelay.p95")).toMatchObject({ best: "spread-az", significant: true });
    expect(verdict.tradeOff).toMatchObject({ first: "binpack-memory", second: "spread-az" });
  });

  it("is neither saturated, nor too short, nor made of indistinguishable strategies", () => {
    const kinds = verdict.warnings.map((w) => w.kind);
    expect(kinds).not.toContain("saturated");
    expect(kinds).not.toContain("identical");
    expect(kinds).not.toContain("few-replications");
  });
});
