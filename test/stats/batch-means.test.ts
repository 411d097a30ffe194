import { describe, expect, it } from "vitest";
import { batchMeans, lag1Autocorrelation } from "../../src/stats/batch-means.ts";
import { steadyState } from "../../src/stats/steady-state.ts";

describe("batchMeans", () => {
  it("averages equal consecutive batches and puts a t interval on the batch means", () => {
    // 2 batches of 3: means 2 and 5 -> mean 3.5, sd 2.1213, t(0.975, 1) = 12.7062.
    const e = batchMeans([1, 2, 3, 4, 5, 6], 2)!;
    expect(e.mean).toBe(3.5);
    expect(e.batchSize).toBe(3);
    expect(e.ci95).toBeCloseTo(12.70620474 * 1.5, 6); // t * sd(B) / sqrt(2) = t * (3 / sqrt 2) / sqrt 2
  });

  it("drops the oldest samples that do not fill a batch", () => {
    // 7 samples, 2 batches of 3: the first sample (100) is dropped.
    expect(batchMeans([100, 1, 2, 3, 4, 5, 6], 2)!.mean).toBe(3.5);
  });

  it("needs at least two samples per batch", () => {
    expect(batchMeans([1, 2, 3], 2)).toBeNull();
  });
});

describe("lag1Autocorrelation", () => {
  it("is strongly negative for an alternating series and undefined for a constant one", () => {
    expect(lag1Autocorrelation([1, -1, 1, -1, 1, -1])).toBeCloseTo(-5 / 6, 12);
    expect(lag1Autocorrelation([2, 2, 2, 2])).toBeNull();
  });
});

describe("steadyState", () => {
  it("deletes warm-up samples before batching", () => {
    const t = Array.from({ length: 30 }, (_, k) => k);
    const pending = t.map((k) => (k < 10 ? 1000 : k % 2));
    const zeros = t.map(() => 0);
    const s = steadyState(
      {
        t,
        pending,
        cpu: zeros,
        memory: zeros,
        running: zeros,
        instancesInUse: zeros,
        lowerBound: zeros,
        strandedCpu: zeros,
        strandedMemory: zeros,
      },
      10,
      5,
    );
    expect(s.method).toBe("batch-means");
    expect(s.series.pending!.mean).toBe(0.5);
    expect(s.series.pending!.batchSize).toBe(4);
  });
});
