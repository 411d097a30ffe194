import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABSENT, MinCountTree } from "../../../src/placement/index/min-count-tree.ts";

/** What the tree must answer, by a linear scan over the keys: minimum, tied ids in id order. */
function scanAnswer(keys: readonly number[]): { min: number; tied: number[] } {
  let min = ABSENT;
  for (const k of keys) if (k < min) min = k;
  const tied = min === ABSENT ? [] : keys.flatMap((k, id) => (k === min ? [id] : []));
  return { min, tied };
}

/** Checks every answer of `t` against the scan of `keys`. */
function expectLikeScan(t: MinCountTree, keys: readonly number[]): void {
  const { min, tied } = scanAnswer(keys);
  // `===`, not toBe: -0 and 0 tie, and either may be reported as the minimum.
  expect(t.min() === min).toBe(true);
  expect(t.countAtMin()).toBe(tied.length);
  expect(tied.map((_, k) => t.kthAtMin(k))).toEqual(tied);
  expect(() => t.kthAtMin(tied.length)).toThrow(RangeError);
}

/**
 * Keys built to break the incremental updates: few distinct values (ties everywhere, the minimum's holders
 * leaving and joining), -0 beside 0, the largest finite doubles, values one ulp apart, ABSENT.
 */
const adversarialKey = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 2, arbitrary: fc.constant(ABSENT) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      -0,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      1 + Number.EPSILON,
      0.1 + 0.2,
      0.3,
      2 ** 53,
    ),
  },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Operations on `n` ids: set one id's key, or set a run of consecutive ids (a block emptying or filling). */
function operations(n: number) {
  return fc.array(
    fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), adversarialKey, fc.constant(1)),
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), adversarialKey, fc.integer({ min: 2, max: 70 })),
    ),
    { maxLength: 160 },
  );
}

/** Applies the operations to a tree of capacity n and a plain key array, checking after each. */
function drive(n: number, ops: [number, number, number][], every = 1): void {
  const t = new MinCountTree(n);
  const keys = new Array<number>(n).fill(ABSENT);
  ops.forEach(([i, key, run], step) => {
    for (let j = i; j < Math.min(n, i + run); j++) {
      keys[j] = key;
      t.set(j, key);
    }
    if (step % every === 0) expectLikeScan(t, keys);
  });
  expectLikeScan(t, keys);
}

describe("MinCountTree", () => {
  it("is empty until an id gets a key", () => {
    const t = new MinCountTree(5);
    expect(t.capacity).toBeGreaterThanOrEqual(5);
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

  it("re-reads a node's children when the only holders of its minimum leave, at every level", () => {
    // 5,000 ids: five levels above the keys. The sole minimum moves up and away, so each level's
    // minimum has to be found again among the children, then ties spread over distant blocks.
    const n = 5000;
    const t = new MinCountTree(n);
    const keys = new Array<number>(n).fill(ABSENT);
    const set = (i: number, k: number) => {
      keys[i] = k;
      t.set(i, k);
    };
    for (let i = 0; i < n; i++) set(i, 10 + (i % 7));
    set(4321, 1);
    expectLikeScan(t, keys);
    set(4321, 12); // the sole minimum (1) leaves: the new one (10) is held by 715 ids all over
    expectLikeScan(t, keys);
    for (let i = 0; i < n; i += 7) set(i, 11); // every holder of 10 moves up one
    expectLikeScan(t, keys);
    set(4999, 0);
    set(0, 0);
    expectLikeScan(t, keys);
    set(4999, ABSENT);
    set(0, ABSENT);
    expectLikeScan(t, keys);
    for (let i = 0; i < n; i++) set(i, ABSENT);
    expectLikeScan(t, keys);
  });

  it("agrees with a linear scan after any sequence of updates (one to five levels, adversarial keys)", () => {
    for (const n of [1, 7, 37, 64, 65, 300]) {
      fc.assert(
        fc.property(operations(n), (ops) => drive(n, ops)),
        { numRuns: n === 300 ? 60 : 100 },
      );
    }
    fc.assert(
      fc.property(operations(5000), (ops) => drive(5000, ops, 20)),
      { numRuns: 15 },
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
