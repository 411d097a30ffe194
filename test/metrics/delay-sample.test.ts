import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  delayCount,
  delayCurve,
  delaySampleOf,
  poolDelays,
  sortPositive,
  summarizeDelays,
} from "../../src/metrics/delay-sample.ts";
import { percentileCurve, summarize } from "../../src/metrics/percentiles.ts";

/** Delays as a run makes them: many exact zeros, the rest non-negative floats. */
const delays = fc.array(
  fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true })),
  { maxLength: 300 },
);

describe("DelaySample", () => {
  it("summarizes bit for bit like the full sorted array (mean, percentiles, max, curve)", () => {
    fc.assert(
      fc.property(delays, (values) => {
        const s = delaySampleOf(values);
        expect(delayCount(s)).toBe(values.length);
        const full = Float64Array.from(values).sort();
        expect(summarizeDelays(s)).toEqual(summarize(full.slice()));
        expect(delayCurve(s)).toEqual(percentileCurve(full));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps only the delays that are not 0", () => {
    const s = delaySampleOf([0, 5, 0, 0, 2]);
    expect(s.zeros).toBe(3);
    expect(Array.from(s.positive)).toEqual([2, 5]);
  });

  it("pools runs into the sample of all their delays (merged: the same array as sorting them all)", () => {
    // Ties across runs, runs of one value, empty runs, subnormal and near-largest delays.
    const value = fc.oneof(
      fc.constant(0),
      fc.constantFrom(1, 2.5, Number.MIN_VALUE, 5e-324 * 3, Number.MAX_VALUE, 1e308),
      fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 60 }), { maxLength: 7 }), (runs) => {
        const pooled = poolDelays(runs.map(delaySampleOf));
        const all = delaySampleOf(runs.flat());
        expect(pooled.zeros).toBe(all.zeros);
        expect(Array.from(pooled.positive)).toEqual(Array.from(all.positive));
      }),
      { numRuns: 500 },
    );
  });

  it("summarizes an empty sample as zeros and no curve", () => {
    const s = delaySampleOf([]);
    expect(summarizeDelays(s)).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    expect(delayCurve(s)).toEqual([]);
  });

  it("sortPositive gives the built-in sort's array, bit for bit (radix sort from 4,096 values)", () => {
    // Values drawn from a seeded stream in one of several adversarial mixes: wide exponents, one exponent
    // (skipped passes), few distinct values (ties), subnormals and the largest doubles, all equal.
    const mixes: ((u: () => number) => number)[] = [
      (u) => -Math.log(1 - u()) * 3,
      (u) => 1 + u(),
      (u) => [0.5, 1, 1.5, 1e-300][Math.floor(u() * 4)]!,
      (u) =>
        u() < 0.5 ? Number.MIN_VALUE * (1 + Math.floor(u() * 1000)) : Number.MAX_VALUE * (0.5 + u() / 2),
      () => 7.25,
      (u) => 2 ** Math.floor(u() * 2000 - 1070) * (1 + u()),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: mixes.length - 1 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 9000 }),
        (mix, seed, n) => {
          let state = seed;
          const u = () => {
            state = (Math.imul(state, 48271) >>> 0) % 2147483647;
            return state / 2147483647;
          };
          const values = Float64Array.from({ length: n }, () => mixes[mix]!(u)).map((v) =>
            v > 0 ? v : Number.MIN_VALUE,
          );
          const expected = values.slice().sort();
          const sorted = sortPositive(values.slice());
          expect(sorted.length).toBe(n);
          const got = new BigUint64Array(sorted.buffer, sorted.byteOffset, n);
          const want = new BigUint64Array(expected.buffer);
          let firstDifference = -1;
          for (let i = 0; i < n && firstDifference < 0; i++) if (got[i] !== want[i]) firstDifference = i;
          expect(firstDifference).toBe(-1);
        },
      ),
      { numRuns: 80 },
    );
  });
});
