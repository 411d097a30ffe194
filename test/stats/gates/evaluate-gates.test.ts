import { describe, expect, it } from "vitest";
import { type Gate, parseGate } from "../../../src/scenario/parse-gate.ts";
import { estimate } from "../../../src/stats/confidence.ts";
import { evaluateGates, type GateSubject } from "../../../src/stats/gates/evaluate-gates.ts";
import { pairedComparison } from "../../../src/stats/paired.ts";
import { summarizeRuns } from "../../../src/stats/summarize-runs.ts";

const gate = (text: string): Gate => {
  const g = parseGate(text, "--gate");
  if (typeof g === "string") throw new Error(g);
  return g;
};

/** Per-seed metrics of two strategies: "fast" has p95 delays 10, 20, 30; "slow" 12, 24, 33. */
function subjects(): GateSubject[] {
  const fast = [10, 20, 30].map((p95) => ({ placementDelay: { p95 }, failureReasons: {} }));
  const slow = [12, 24, 33].map((p95) => ({
    placementDelay: { p95 },
    failureReasons: { "RESOURCE:CPU": 1 },
  }));
  return [
    { name: "fast", summary: summarizeRuns(fast), paired: null },
    { name: "slow", summary: summarizeRuns(slow), paired: pairedComparison(slow, fast) },
  ];
}

describe("evaluateGates", () => {
  it("trips a baseline gate when the relative worsening exceeds the limit, and says by how much", () => {
    // slow - fast = 2, 4, 3: mean 3 over a baseline mean of 20 = +15%.
    const [r] = evaluateGates(
      [gate("placementDelay.p95 of slow no worse than baseline by more than 10%")],
      subjects(),
      "fast",
    );
    expect(r!.status).toBe("tripped");
    expect(r!.observed).toBe(3);
    expect(r!.relativeChange).toBeCloseTo(0.15, 12);
    expect(r!.excess).toBeCloseTo(0.05, 12);
    expect(r!.ci95).toBeCloseTo(estimate([2, 4, 3]).ci95!, 12);
    expect(r!.message).toBe(
      "placementDelay.p95 of slow vs fast: +3 (+15%; 95% CI +0.5159 .. +5.484 = +2.579% .. +27.42%, significant): " +
        "higher by more than 10%, exceeded by 5% points",
    );
    const [ok] = evaluateGates(
      [gate("placementDelay.p95 of slow no worse than baseline by more than 20%")],
      subjects(),
      "fast",
    );
    expect(ok!.status).toBe("passed");
    expect(ok!.excess).toBe(0);
  });

  it("applies an absolute limit in metric units", () => {
    const [r] = evaluateGates(
      [gate("placementDelay.p95 no higher than baseline by more than 2.5s")],
      subjects(),
      "fast",
    );
    expect(r!.strategy).toBe("slow");
    expect(r!.status).toBe("tripped");
    expect(r!.excess).toBeCloseTo(0.5, 12);
  });

  it("checks an absolute gate against each strategy's mean", () => {
    const results = evaluateGates([gate("placementDelay.p95 < 22")], subjects(), "fast");
    expect(results.map((r) => [r.strategy, r.status])).toEqual([
      ["fast", "passed"],
      ["slow", "tripped"],
    ]);
    expect(results[1]!.excess).toBeCloseTo(1, 12);
  });

  it("treats a failure reason no run saw as 0, and any worsening from a zero baseline as a trip", () => {
    const results = evaluateGates(
      [
        gate("failureReasons.RESOURCE:MEMORY <= 0"),
        gate("failureReasons.RESOURCE:CPU no worse than baseline by more than 50%"),
      ],
      subjects(),
      "fast",
    );
    expect(results.map((r) => r.status)).toEqual(["passed", "passed", "tripped"]);
    expect(results[2]!.message).toMatch(/baseline mean 0.*exceeded by any amount/);
  });

  it("skips, never passes, a gate whose strategy did not run or is the baseline", () => {
    const results = evaluateGates(
      [gate("placementDelay.p95 of other < 1"), gate("placementDelay.p95 of fast no worse than baseline")],
      subjects(),
      "fast",
    );
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ["skipped", 'skipped: strategy "other" did not run'],
      ["skipped", 'skipped: "fast" is the baseline'],
    ]);
  });

  it("reads dynamics figures, including a service whose name holds a dot", () => {
    // availability per seed: fast 1, 0.98, 0.99 (mean 0.99); slow 0.97, 0.95, 0.96 (mean 0.96).
    const runs = (values: number[]) =>
      values.map((a) => ({ dynamics: { tasksLost: 2, services: { "web.v2": { availability: a } } } }));
    const fast = runs([1, 0.98, 0.99]);
    const slow = runs([0.97, 0.95, 0.96]);
    const both: GateSubject[] = [
      { name: "fast", summary: summarizeRuns(fast), paired: null },
      { name: "slow", summary: summarizeRuns(slow), paired: pairedComparison(slow, fast) },
    ];
    const services = ["web.v2"];
    const g = (text: string) => {
      const parsed = parseGate(text, "--gate", services);
      if (typeof parsed === "string") throw new Error(parsed);
      return parsed;
    };
    const results = evaluateGates(
      [
        g("dynamics.services.web.v2.availability >= 98%"),
        g("dynamics.services.web.v2.availability no worse than baseline by more than 2%"),
        g("dynamics.tasksLost < 5"),
      ],
      both,
      "fast",
    );
    expect(results.map((r) => [r.strategy, r.status])).toEqual([
      ["fast", "passed"],
      ["slow", "tripped"],
      ["slow", "tripped"],
      ["fast", "passed"],
      ["slow", "passed"],
    ]);
    expect(results[0]!.observed).toBeCloseTo(0.99, 12);
    // slow - fast = -0.03 per seed: 3 points lower, a 3.03% relative drop against 0.99.
    expect(results[2]!.observed).toBeCloseTo(-0.03, 12);
    expect(results[2]!.relativeChange).toBeCloseTo(-0.03 / 0.99, 12);
  });
});
