import { describe, expect, it } from "vitest";
import type { Results } from "../../src/report/results.ts";
import { fixtureResults } from "./fixture.ts";
import { BINPACK, lightLoad, SPREAD } from "./light-load.ts";

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
