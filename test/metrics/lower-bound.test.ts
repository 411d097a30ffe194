import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { largestFirstBound, martelloTothL2 } from "../../src/metrics/lower-bound.ts";

/** The optimum number of bins by exhaustive search (small item lists only). */
function optimum(items: number[], capacity: number): number {
  const sorted = [...items].sort((a, b) => b - a);
  let best = sorted.length;
  const loads: number[] = [];
  const place = (k: number) => {
    if (loads.length >= best) return;
    if (k === sorted.length) {
      best = loads.length;
      return;
    }
    const w = sorted[k]!;
    const tried = new Set<number>();
    for (let b = 0; b < loads.length; b++) {
      if (loads[b]! + w > capacity || tried.has(loads[b]!)) continue;
      tried.add(loads[b]!);
      loads[b]! += w;
      place(k + 1);
      loads[b]! -= w;
    }
    loads.push(w);
    place(k + 1);
    loads.pop();
  };
  place(0);
  return best;
}

const grouped = (items: number[]) => {
  const counts = new Map<number, number>();
  for (const w of items) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { sizes: [...counts.keys()], counts: [...counts.values()] };
};

describe("martelloTothL2", () => {
  it("matches L1 when items pair up exactly: 3x6 + 3x4 in bins of 10 need 3", () => {
    expect(martelloTothL2([6, 4], [3, 3], 10)).toBe(3);
  });

  it("beats L1 when large items cannot share: 3x6 + 2x5 in bins of 10 need 4 (L1 says 3)", () => {
    expect(Math.ceil(28 / 10)).toBe(3);
    expect(martelloTothL2([6, 5], [3, 2], 10)).toBe(4);
    expect(optimum([6, 6, 6, 5, 5], 10)).toBe(4);
  });

  it("counts every item above half the capacity as its own bin", () => {
    expect(martelloTothL2([51], [7], 100)).toBe(7);
    // The 100 small items fit in the 7 x 49 units the large ones leave free; 400 do not (57 spill over).
    expect(martelloTothL2([51, 1], [7, 100], 100)).toBe(7);
    expect(martelloTothL2([51, 1], [7, 400], 100)).toBe(8);
  });

  it("is 0 with no items and ignores zero-size items", () => {
    expect(martelloTothL2([], [], 10)).toBe(0);
    expect(martelloTothL2([0, 3], [5, 0], 10)).toBe(0);
  });

  it("never exceeds the optimum and is never below L1 (random small instances)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 9 }),
        fc.integer({ min: 20, max: 30 }),
        (items, capacity) => {
          const { sizes, counts } = grouped(items);
          const l2 = martelloTothL2(sizes, counts, capacity);
          const l1 = Math.ceil(items.reduce((a, b) => a + b, 0) / capacity);
          expect(l2).toBeGreaterThanOrEqual(l1);
          expect(l2).toBeLessThanOrEqual(optimum(items, capacity));
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe("largestFirstBound", () => {
  it("takes the largest capacities first", () => {
    expect(largestFirstBound(Float64Array.from([4, 16, 8]), 20)).toBe(2);
    expect(largestFirstBound(Float64Array.from([4, 16, 8]), 16)).toBe(1);
    expect(largestFirstBound(Float64Array.from([4, 16, 8]), 29)).toBe(Number.POSITIVE_INFINITY);
    expect(largestFirstBound(Float64Array.from([4]), 0)).toBe(0);
  });
});
