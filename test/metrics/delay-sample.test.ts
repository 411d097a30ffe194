import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  delayCount,
  delayCurve,
  delaySampleOf,
  poolDelays,
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

  it("pools runs into the sample of all their delays", () => {
    fc.assert(
      fc.property(fc.array(delays, { maxLength: 5 }), (runs) => {
        const pooled = poolDelays(runs.map(delaySampleOf));
        expect(pooled).toEqual(delaySampleOf(runs.flat()));
      }),
    );
  });

  it("summarizes an empty sample as zeros and no curve", () => {
    const s = delaySampleOf([]);
    expect(summarizeDelays(s)).toEqual({ mean: 0, p50: 0, p95: 0, p99: 0, max: 0 });
    expect(delayCurve(s)).toEqual([]);
  });
});
