import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountBuckets, IdSet, selectAcross } from "../../../src/placement/index/count-buckets.ts";

/** The k-th id of the union in id order, by sorting: what selectAcross must return. */
function modelSelect(members: Set<number>[], k: number): number {
  return members
    .flatMap((s) => [...s])
    .sort((a, b) => a - b)
    .at(k)!;
}

describe("IdSet and selectAcross", () => {
  it("finds the k-th id of one set and of a union, ids at both ends and across block boundaries", () => {
    const a = new IdSet(1000);
    const b = new IdSet(1000);
    for (const i of [0, 31, 32, 255, 999]) a.add(i);
    for (const i of [1, 256, 257, 511, 512, 998]) b.add(i);
    expect([0, 1, 2, 3, 4].map((k) => selectAcross([a], 1, k))).toEqual([0, 31, 32, 255, 999]);
    const union = [0, 1, 31, 32, 255, 256, 257, 511, 512, 998, 999];
    expect(union.map((_, k) => selectAcross([a, b], 2, k))).toEqual(union);
    // Only the first `count` sets take part.
    expect(selectAcross([b, a], 1, 5)).toBe(998);
    expect(() => selectAcross([a], 1, 5)).toThrow(RangeError);
    a.remove(0);
    b.remove(998);
    expect([a.size, b.size, a.has(0), a.has(31)]).toEqual([4, 5, false, true]);
    expect(selectAcross([a, b], 2, 0)).toBe(1);
    expect(selectAcross([a, b], 2, 8)).toBe(999);
  });

  it("agrees with a sorted union after any adds and removes over disjoint sets (capacities 1 to 3000)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(3)), {
          maxLength: 300,
        }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (capacity, nsets, ops, draws) => {
          const sets = Array.from({ length: nsets }, () => new IdSet(capacity));
          const members = sets.map(() => new Set<number>());
          const owner = new Map<number, number>();
          for (const [u, s0] of ops) {
            // Ids near both ends are as likely as the middle.
            const i =
              u < 0.2
                ? Math.floor(u * 5 * 3)
                : u > 0.8
                  ? capacity - 1 - Math.floor((1 - u) * 5 * 3)
                  : Math.floor(u * capacity);
            const id = Math.min(capacity - 1, Math.max(0, i));
            const s = s0 % nsets;
            const held = owner.get(id);
            if (held !== undefined) {
              sets[held]!.remove(id);
              members[held]!.delete(id);
              owner.delete(id);
            } else {
              sets[s]!.add(id);
              members[s]!.add(id);
              owner.set(id, s);
            }
          }
          const total = members.reduce((n, m) => n + m.size, 0);
          sets.forEach((set, s) => expect(set.size).toBe(members[s]!.size));
          if (total === 0) return;
          for (const d of draws) {
            const k = d % total;
            expect(selectAcross(sets, nsets, k)).toBe(modelSelect(members, k));
            // Any prefix of the sets, too (the tied cells are a subset of the cells).
            const part = members.slice(0, 1).reduce((n, m) => n + m.size, 0);
            if (part > 0)
              expect(selectAcross(sets, 1, d % part)).toBe(modelSelect(members.slice(0, 1), d % part));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("CountBuckets", () => {
  it("keeps each cell's smallest key and its instances, recycling emptied buckets", () => {
    const b = new CountBuckets(64);
    expect(b.min(0)).toBe(-1);
    b.set(5, 0, 3);
    b.set(9, 0, 3);
    b.set(7, 1, 0);
    expect([b.min(0), b.minSet(0).size, b.min(1), b.liveBuckets]).toEqual([3, 2, 0, 2]);
    b.set(9, 0, 1);
    expect([b.min(0), b.minSet(0).size, selectAcross([b.minSet(0)], 1, 0)]).toEqual([1, 1, 9]);
    b.set(9, 0, -1); // absent: the bucket of 1 empties, the minimum goes back up to 3
    expect([b.min(0), b.minSet(0).size, b.liveBuckets]).toEqual([3, 1, 2]);
    b.set(5, 0, 5);
    b.set(5, 0, 5);
    expect([b.min(0), b.liveBuckets, b.keys[5], b.keys[9]]).toEqual([5, 2, 5, -1]);
    b.set(5, 0, -1);
    b.set(7, 1, -1);
    expect([b.min(0), b.min(1), b.liveBuckets]).toEqual([-1, -1, 0]);
  });

  it("agrees with a model of keys per instance after any updates (several cells, keys 0-12, absent)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 700 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: 12 })), { maxLength: 400 }),
        (capacity, ops) => {
          const cells = 3;
          const b = new CountBuckets(capacity);
          const keys = new Array<number>(capacity).fill(-1);
          const cellOf = (i: number) => (i * 7) % cells;
          for (const [n, v] of ops) {
            const i = n % capacity;
            keys[i] = v;
            b.set(i, cellOf(i), v);
          }
          let live = 0;
          for (let c = 0; c < cells; c++) {
            const held = keys.flatMap((v, i) => (v >= 0 && cellOf(i) === c ? [v] : []));
            live += new Set(held).size;
            const min = held.length === 0 ? -1 : Math.min(...held);
            expect(b.min(c)).toBe(min);
            if (min < 0) continue;
            const tied = keys.flatMap((v, i) => (v === min && cellOf(i) === c ? [i] : []));
            expect(tied.map((_, k) => selectAcross([b.minSet(c)], 1, k))).toEqual(tied);
          }
          expect(b.liveBuckets).toBe(live);
          expect([...b.keys]).toEqual(keys);
        },
      ),
      { numRuns: 200 },
    );
  });
});
