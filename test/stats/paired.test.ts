import { describe, expect, it } from "vitest";
import { pairedComparison, pairedDifference } from "../../src/stats/paired.ts";

describe("pairedDifference", () => {
  it("takes the Student t interval of the per-seed differences", () => {
    // Differences 2, 3, 4: mean 3, sd 1, t(0.975, 2) = 4.302653 -> half-width 4.302653 / sqrt(3).
    const d = pairedDifference([3, 5, 7], [1, 2, 3]);
    expect(d.meanDifference).toBe(3);
    expect(d.ci95).toBeCloseTo(4.30265273 / Math.sqrt(3), 7);
    expect(d.low).toBeCloseTo(3 - 2.48413, 4);
    expect(d.baselineMean).toBe(2);
    expect(d.relativeChange).toBe(1.5);
    expect(d.significant).toBe(true);
  });

  it("is far narrower than unpaired intervals when seeds move both strategies alike", () => {
    // Large seed-to-seed swings shared by both; the strategy is always exactly 1 better.
    const base = [10, 50, 90, 30];
    const d = pairedDifference(
      base.map((v) => v - 1),
      base,
    );
    expect(d.meanDifference).toBe(-1);
    expect(d.ci95).toBe(0);
    expect(d.significant).toBe(true);
  });

  it("is not significant when the interval covers 0, and has no interval from one seed", () => {
    expect(pairedDifference([1, 3], [2, 2]).significant).toBe(false);
    const one = pairedDifference([5], [4]);
    expect(one.ci95).toBeNull();
    expect(one.significant).toBe(false);
  });

  it("reports no relative change against a zero baseline mean, and refuses unequal seed counts", () => {
    expect(pairedDifference([1, 2], [0, 0]).relativeChange).toBeNull();
    expect(() => pairedDifference([1, 2], [1])).toThrow(/same seeds/);
  });
});

describe("pairedComparison", () => {
  it("compares every numeric leaf and counts a key missing from some runs as 0", () => {
    const tree = pairedComparison(
      [
        { a: { b: 4 }, r: { X: 1 } },
        { a: { b: 6 }, r: {} },
      ],
      [
        { a: { b: 2 }, r: {} },
        { a: { b: 2 }, r: { Y: 2 } },
      ],
    );
    expect((tree.a as Record<string, { meanDifference: number }>).b!.meanDifference).toBe(3);
    const r = tree.r as Record<string, { meanDifference: number }>;
    expect(r.X!.meanDifference).toBe(0.5);
    expect(r.Y!.meanDifference).toBe(-1);
  });
});
