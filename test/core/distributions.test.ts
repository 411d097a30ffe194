/**
 * Sampler accuracy against analytic values. Every check uses N = 200,000 draws from a fixed seed and a
 * tolerance of 5 standard errors of the estimator at that N (SE formulas next to each check), so a correct
 * sampler fails with probability below 1e-6 per check while a wrong parameterisation (e.g. sigma off by 10%)
 * is caught.
 */
import { describe, expect, it } from "vitest";
import {
  compileDistribution,
  type DistributionSpec,
  distributionMean,
  lognormalParameters,
} from "../../src/core/distributions.ts";
import { createStream, type Rng } from "../../src/core/random.ts";

const N = 200_000;
const K = 5;
/** phi(z95): the standard normal density at its 95th percentile. */
const PHI_Z95 = Math.exp(-(1.6448536269514722 ** 2) / 2) / Math.sqrt(2 * Math.PI);

function sample(spec: DistributionSpec, seed = 1): Float64Array {
  const sampler = compileDistribution(spec);
  const rng = createStream(seed, `dist-test/${spec.type}`);
  const xs = new Float64Array(N);
  for (let k = 0; k < N; k++) xs[k] = sampler(rng);
  return xs.sort();
}

const mean = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (sorted: Float64Array, p: number) => sorted[Math.floor(p * (sorted.length - 1))]!;

describe("compileDistribution accuracy", () => {
  it("constant returns its value", () => {
    const xs = sample({ type: "constant", value: 42 });
    expect(xs[0]).toBe(42);
    expect(xs[N - 1]).toBe(42);
  });

  it("uniform: mean (max+min)/2, range respected", () => {
    const xs = sample({ type: "uniform", min: 10, max: 30 });
    // SE of the mean = (max - min) / sqrt(12 N)
    expect(Math.abs(mean(xs) - 20)).toBeLessThan((K * 20) / Math.sqrt(12 * N));
    expect(xs[0]).toBeGreaterThanOrEqual(10);
    expect(xs[N - 1]).toBeLessThan(30);
    // median: SE = (max-min) * 0.5 / sqrt(N)
    expect(Math.abs(quantile(xs, 0.5) - 20)).toBeLessThan((K * 20 * 0.5) / Math.sqrt(N));
  });

  it("exponential: mean, median mean*ln2, p95 mean*ln20", () => {
    const m = 300;
    const xs = sample({ type: "exponential", mean: m });
    // SE of the mean = m / sqrt(N)
    expect(Math.abs(mean(xs) - m)).toBeLessThan((K * m) / Math.sqrt(N));
    // SE of the p-quantile = sqrt(p(1-p)) / (f(q) sqrt(N)), f(q) = (1-p)/m
    const qSe = (p: number) => (Math.sqrt(p * (1 - p)) * m) / ((1 - p) * Math.sqrt(N));
    expect(Math.abs(quantile(xs, 0.5) - m * Math.LN2)).toBeLessThan(K * qSe(0.5));
    expect(Math.abs(quantile(xs, 0.95) - m * Math.log(20))).toBeLessThan(K * qSe(0.95));
    expect(xs[0]).toBeGreaterThanOrEqual(0);
  });

  it("lognormal by median/p95 reproduces that median and p95", () => {
    const median = 300;
    const p95 = 2400;
    const { sigma } = lognormalParameters({ median, p95 });
    const xs = sample({ type: "lognormal", median, p95 });
    // SE of the median = median * sigma * sqrt(2 pi) / (2 sqrt(N)) (density at the median is 1/(m sigma sqrt(2 pi)))
    const medianSe = (median * sigma * Math.sqrt(2 * Math.PI)) / (2 * Math.sqrt(N));
    expect(Math.abs(quantile(xs, 0.5) - median)).toBeLessThan(K * medianSe);
    // SE of p95 = sqrt(.95 * .05) * p95 * sigma / (phi(z95) sqrt(N))
    const p95Se = (Math.sqrt(0.95 * 0.05) * p95 * sigma) / (PHI_Z95 * Math.sqrt(N));
    expect(Math.abs(quantile(xs, 0.95) - p95)).toBeLessThan(K * p95Se);
    // and the mean exp(mu + sigma^2/2) that distributionMean reports.
    const m = distributionMean({ type: "lognormal", median, p95 });
    const sd = m * Math.sqrt(Math.expm1(sigma * sigma));
    expect(Math.abs(mean(xs) - m)).toBeLessThan((K * sd) / Math.sqrt(N));
  });

  it("lognormal by mu/sigma: mean exp(mu + sigma^2/2), median exp(mu)", () => {
    const mu = Math.log(60);
    const sigma = 0.75;
    const xs = sample({ type: "lognormal", mu, sigma });
    const m = Math.exp(mu + (sigma * sigma) / 2);
    expect(distributionMean({ type: "lognormal", mu, sigma })).toBeCloseTo(m, 10);
    const sd = m * Math.sqrt(Math.expm1(sigma * sigma));
    expect(Math.abs(mean(xs) - m)).toBeLessThan((K * sd) / Math.sqrt(N));
    const medianSe = (Math.exp(mu) * sigma * Math.sqrt(2 * Math.PI)) / (2 * Math.sqrt(N));
    expect(Math.abs(quantile(xs, 0.5) - Math.exp(mu))).toBeLessThan(K * medianSe);
  });

  it("lognormal with sigma 0 is the constant exp(mu)", () => {
    const xs = sample({ type: "lognormal", mu: 2, sigma: 0 });
    expect(xs[0]).toBeCloseTo(Math.exp(2), 12);
    expect(xs[N - 1]).toBeCloseTo(Math.exp(2), 12);
  });

  it("empirical draws each value with probability weight / total", () => {
    const values = [10, 20, 30, 40];
    const weights = [1, 0, 3, 6];
    const xs = sample({ type: "empirical", values, weights });
    const total = 10;
    values.forEach((v, i) => {
      const p = weights[i]! / total;
      const freq = xs.filter((x) => x === v).length / N;
      // SE of a frequency = sqrt(p (1-p) / N); a zero weight must never be drawn.
      if (p === 0) expect(freq).toBe(0);
      else expect(Math.abs(freq - p)).toBeLessThan(K * Math.sqrt((p * (1 - p)) / N));
    });
    expect(distributionMean({ type: "empirical", values, weights })).toBeCloseTo(34, 12);
  });

  it("empirical without weights is uniform over the values", () => {
    const xs = sample({ type: "empirical", values: [1, 2, 3] });
    for (const v of [1, 2, 3]) {
      const freq = xs.filter((x) => x === v).length / N;
      expect(Math.abs(freq - 1 / 3)).toBeLessThan(K * Math.sqrt(((1 / 3) * (2 / 3)) / N));
    }
  });

  it("distributionMean matches the analytic means", () => {
    expect(distributionMean({ type: "constant", value: 5 })).toBe(5);
    expect(distributionMean({ type: "uniform", min: 2, max: 8 })).toBe(5);
    expect(distributionMean({ type: "exponential", mean: 7 })).toBe(7);
  });
});

describe("samplers consume exactly one uniform per draw", () => {
  const specs: DistributionSpec[] = [
    { type: "constant", value: 1 },
    { type: "uniform", min: 0, max: 1 },
    { type: "exponential", mean: 1 },
    { type: "lognormal", median: 1, p95: 3 },
    { type: "lognormal", mu: 0, sigma: 1 },
    { type: "empirical", values: [1, 2, 3, 4, 5], weights: [5, 4, 3, 2, 1] },
  ];
  for (const spec of specs) {
    it(`${spec.type} ${JSON.stringify(spec)}`, () => {
      const inner = createStream(9, "count");
      let calls = 0;
      const counted: Rng = () => {
        calls++;
        return inner();
      };
      const sampler = compileDistribution(spec);
      for (let k = 1; k <= 1000; k++) {
        sampler(counted);
        expect(calls).toBe(k);
      }
    });
  }

  it("handles the extreme uniforms 0 and 1 - 2^-53 with finite values", () => {
    const extremes = [0, 1 - 2 ** -53];
    for (const u of extremes) {
      for (const spec of specs) {
        const x = compileDistribution(spec)(() => u);
        expect(Number.isFinite(x), `${spec.type} at u=${u}`).toBe(true);
      }
    }
  });
});

describe("invalid parameters throw RangeError", () => {
  const bad: [string, DistributionSpec][] = [
    ["uniform max < min", { type: "uniform", min: 5, max: 4 }],
    ["uniform NaN", { type: "uniform", min: Number.NaN, max: 4 }],
    ["exponential mean 0", { type: "exponential", mean: 0 }],
    ["exponential mean < 0", { type: "exponential", mean: -3 }],
    ["exponential NaN", { type: "exponential", mean: Number.NaN }],
    ["lognormal median 0", { type: "lognormal", median: 0, p95: 10 }],
    ["lognormal p95 = median", { type: "lognormal", median: 10, p95: 10 }],
    ["lognormal p95 < median", { type: "lognormal", median: 10, p95: 5 }],
    ["lognormal sigma < 0", { type: "lognormal", mu: 0, sigma: -1 }],
    ["empirical no values", { type: "empirical", values: [] }],
    ["empirical weight count", { type: "empirical", values: [1, 2], weights: [1] }],
    ["empirical negative weight", { type: "empirical", values: [1, 2], weights: [1, -1] }],
    ["empirical all-zero weights", { type: "empirical", values: [1, 2], weights: [0, 0] }],
  ];
  for (const [name, spec] of bad) {
    it(name, () => {
      expect(() => compileDistribution(spec)).toThrow(RangeError);
    });
  }
});
