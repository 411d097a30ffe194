import { describe, expect, it } from "vitest";
import { buildResults, type Results } from "../../src/report/results.ts";
import { compare } from "../../src/sim/compare.ts";
import { scenarioFrom } from "../helpers/scenario.ts";
import { fixtureResults } from "./fixture.ts";

/**
 * Ten idle-ish instances, light load: binpack keeps tasks on few instances, spread-instance touches all
 * of them, so "instances in use" differs by several instances in every seed (a known, large difference).
 */
function lightLoad(strategies: string, replications = 4, baseline?: string): Results {
  const scenario = scenarioFrom(`
name: light
seed: 3
replications: ${replications}
horizon: 2h
cluster:
  instances: [{ type: m5.large, count: 10, zones: [us-east-1a, us-east-1b] }]
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: job, cpu: 256, memory: 512 }]
workload:
  - { taskDefinition: job, arrival: { type: poisson, ratePerHour: 60 }, duration: { type: exponential, mean: 10m } }
strategies:
${strategies}
`);
  return buildResults(scenario, compare(scenario), baseline ? { baseline } : {});
}

const SPREAD = `  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }`;
const BINPACK = `  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }`;

const entry = (r: Results, metric: string) => r.verdict.entries.find((e) => e.metric === metric)!;

describe("verdict", () => {
  it("names the strategy with a known significant advantage, against the baseline, with its paired CI", () => {
    const r = lightLoad(`${SPREAD}\n${BINPACK}`);
    const e = entry(r, "instancesInUse.mean");
    expect(e.best).toBe("binpack");
    expect(e.comparedWith).toBe("spread");
    expect(e.significant).toBe(true);
    expect(e.difference!.meanDifference).toBeLessThan(-2);
    expect(e.difference!.high!).toBeLessThan(0);
    expect(e.bestMean).toBeLessThan(e.comparedMean!);
    // Stranded memory and the rest are listed too; a fixed cluster costs the same under every strategy.
    const cost = entry(r, "cost.dollars");
    expect(cost.significant).toBe(false);
    expect(r.verdict.warnings.map((w) => w.kind)).not.toContain("saturated");
  });

  it("compares a best baseline with the runner-up", () => {
    const r = lightLoad(`${BINPACK}\n${SPREAD}`);
    const e = entry(r, "instancesInUse.mean");
    expect(r.baseline).toBe("binpack");
    expect(e.best).toBe("binpack");
    expect(e.comparedWith).toBe("spread");
    expect(e.significant).toBe(true);
  });

  it("warns of a saturated cluster where the pending queue grows without bound", () => {
    // Two instances for the fixture's load: work arrives faster than it can be placed.
    const r = fixtureResults({ instances: 2, replications: 3 });
    const saturated = r.verdict.warnings.find((w) => w.kind === "saturated");
    expect(saturated).toBeDefined();
    expect(saturated!.strategies.length).toBeGreaterThan(0);
    expect(saturated!.message).toMatch(/pending queue grows/);
  });

  it("does not warn of saturation when the cluster keeps up", () => {
    const r = fixtureResults({ instances: 8, replications: 3 });
    expect(r.verdict.warnings.find((w) => w.kind === "saturated")).toBeUndefined();
  });

  it("warns when strategies are indistinguishable, and when there are fewer than 3 replications", () => {
    const twin = `  - { name: binpack-twin, placementStrategy: [{ type: binpack, field: memory }] }`;
    const r = lightLoad(`${BINPACK}\n${twin}\n${SPREAD}`, 2);
    const identical = r.verdict.warnings.find((w) => w.kind === "identical");
    expect(identical?.strategies).toEqual(["binpack", "binpack-twin"]);
    const few = r.verdict.warnings.find((w) => w.kind === "few-replications");
    expect(few?.message).toMatch(/Only 2 replications/);
    // Twins tie: never a significant winner between them.
    expect(entry(r, "instancesInUse.mean").best).toBe("binpack");
  });

  it("never calls a difference significant with one replication", () => {
    const r = lightLoad(`${SPREAD}\n${BINPACK}`, 1);
    expect(r.verdict.entries.every((e) => !e.significant)).toBe(true);
    expect(r.verdict.warnings.find((w) => w.kind === "few-replications")?.message).toMatch(
      /no confidence interval/,
    );
  });

  it("is part of the deterministic results", () => {
    const a = lightLoad(`${SPREAD}\n${BINPACK}`);
    const b = lightLoad(`${SPREAD}\n${BINPACK}`);
    expect(JSON.stringify(a.verdict)).toBe(JSON.stringify(b.verdict));
  });
});
