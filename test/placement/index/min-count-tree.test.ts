import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABSENT, MinCountTree } from "../../../src/placement/index/min-count-tree.ts";

describe("MinCountTree", () => {
  it("is empty until an id gets a key", () => {
    const t = new MinCountTree(5);
    expect(t.capacity).toBe(8);
    expect(t.min()).toBe(ABSENT);
    expect(t.countAtMin()).toBe(0);
    expect(() => t.kthAtMin(0)).toThrow(RangeError);
  });

  it("tracks the minimum, its multiplicity and the tied ids in id order", () => {
    const t = new MinCountTree(8);
    t.set(6, 3);
    t.set(1, 5);
    t.set(4, 3);
    t.set(0, 3);
    expect([t.min(), t.countAtMin()]).toEqual([3, 3]);
    expect([0, 1, 2].map((k) => t.kthAtMin(k))).toEqual([0, 4, 6]);
    t.set(4, ABSENT);
    expect([t.min(), t.countAtMin(), t.kthAtMin(1)]).toEqual([3, 2, 6]);
    t.set(1, 2);
    expect([t.min(), t.countAtMin(), t.kthAtMin(0)]).toEqual([2, 1, 1]);
    t.set(1, ABSENT);
    t.set(0, ABSENT);
    t.set(6, ABSENT);
    expect([t.min(), t.countAtMin()]).toEqual([ABSENT, 0]);
  });

  it("agrees with a linear scan after any sequence of updates", () => {
    const n = 37;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.option(fc.integer({ min: -3, max: 4 }))), {
          maxLength: 120,
        }),
        (ops) => {
          const t = new MinCountTree(n);
          const keys = new Array<number>(n).fill(ABSENT);
          for (const [i, key] of ops) {
            keys[i] = key ?? ABSENT;
            t.set(i, keys[i]!);
            const min = Math.min(...keys);
            const tiedIds = keys.flatMap((k, id) => (k === min && k !== ABSENT ? [id] : []));
            expect(t.min()).toBe(min);
            expect(t.countAtMin()).toBe(tiedIds.length);
            expect(tiedIds.map((_, k) => t.kthAtMin(k))).toEqual(tiedIds);
          }
        },
      ),
    );
  });

  it("orders float keys exactly and refuses NaN", () => {
    const t = new MinCountTree(8);
    t.set(0, 0.3);
    t.set(1, 0.1 + 0.2); // 0.30000000000000004: not a tie with 0.3
    t.set(2, 0.3);
    expect(t.min()).toBe(0.3);
    expect(t.countAtMin()).toBe(2);
    expect([t.kthAtMin(0), t.kthAtMin(1)]).toEqual([0, 2]);
    expect(() => t.set(3, Number.NaN)).toThrow(/NaN/);
  });
});
