import { describe, expect, it } from "vitest";
import {
  alongRay,
  cheaperNeighbours,
  largestAffordable,
  mixCost,
  mixedRays,
  mixText,
} from "../../../src/sweep/plan/mix.ts";

const TYPES = [
  { name: "a", pricePerHour: 0.3 },
  { name: "b", pricePerHour: 0.2 },
  { name: "c", pricePerHour: 0.1 },
];

describe("mix search pieces", () => {
  it("lists the proportions with two or more types in use", () => {
    expect(mixedRays(2, 4)).toEqual([
      [3, 1],
      [2, 2],
      [1, 3],
    ]);
    const three = mixedRays(3, 3);
    // 10 compositions of 3 into 3 parts, minus the 3 pure ones.
    expect(three).toHaveLength(7);
    for (const r of three) {
      expect(r.reduce((n, w) => n + w, 0)).toBe(3);
      expect(r.filter((w) => w > 0).length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(three.map((r) => r.join(","))).size).toBe(7);
  });

  it("splits along a ray and costs the split", () => {
    expect(alongRay([1, 1], 6)).toEqual([3, 3]);
    expect(alongRay([1, 3], 4)).toEqual([1, 3]);
    expect(mixCost(TYPES, [1, 2, 3])).toBeCloseTo(1.0, 12);
    expect(mixText(TYPES, [2, 0, 1])).toBe("2 a + 1 c");
  });

  it("finds the largest affordable size along a ray", () => {
    // Along [1, 1] of a and b: n = 2 costs 0.5, n = 3 costs 0.8 (2 a + 1 b), n = 4 costs 1.0.
    expect(largestAffordable([1, 1, 0], TYPES, 0.8, 100)).toBe(3);
    expect(largestAffordable([1, 1, 0], TYPES, 0.79, 100)).toBe(2);
    expect(largestAffordable([1, 1, 0], TYPES, 0.1, 100)).toBe(0);
    expect(largestAffordable([0, 0, 1], TYPES, 1000, 50)).toBe(50);
  });

  it("lists cheaper neighbours, greatest saving first", () => {
    const next = cheaperNeighbours(TYPES, [1, 1, 0]);
    const saving = (c: number[]) => mixCost(TYPES, [1, 1, 0]) - mixCost(TYPES, c);
    expect(next).toContainEqual([0, 1, 0]); // one a fewer
    expect(next).toContainEqual([1, 0, 0]); // one b fewer
    expect(next).toContainEqual([0, 2, 0]); // a swapped for b
    expect(next).toContainEqual([0, 1, 1]); // a swapped for c
    expect(next).toContainEqual([1, 0, 1]); // b swapped for c
    expect(next).toHaveLength(5);
    for (const c of next) expect(saving(c)).toBeGreaterThan(0);
    const savings = next.map(saving);
    expect([...savings].sort((x, y) => y - x)).toEqual(savings);
    // Never the empty cluster.
    expect(cheaperNeighbours(TYPES, [0, 0, 1])).toEqual([]);
  });
});
