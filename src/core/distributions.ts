/**
 * Probability distributions, compiled once into samplers.
 *
 * Every sampler consumes exactly one uniform per draw (inverse transform), so the position of a draw in its
 * stream never depends on the values drawn before it.
 */
import { probit } from "simple-statistics";
import type { Rng } from "./random.ts";

export type DistributionSpec =
  | { type: "constant"; value: number }
  | { type: "uniform"; min: number; max: number }
  | { type: "exponential"; mean: number }
  | { type: "lognormal"; median: number; p95: number }
  | { type: "lognormal"; mu: number; sigma: number }
  | { type: "empirical"; values: number[]; weights?: number[] };

export type Sampler = (rng: Rng) => number;

/** z such that P(Z <= z) = 0.95 for a standard normal Z. */
const Z95 = 1.6448536269514722;

export function compileDistribution(spec: DistributionSpec): Sampler {
  switch (spec.type) {
    case "constant": {
      const v = spec.value;
      return (rng) => {
        rng();
        return v;
      };
    }
    case "uniform": {
      const { min, max } = spec;
      if (!(max >= min)) throw new RangeError(`uniform needs max >= min (got min ${min}, max ${max})`);
      return (rng) => min + (max - min) * rng();
    }
    case "exponential": {
      const mean = spec.mean;
      if (!(mean > 0)) throw new RangeError(`exponential needs mean > 0 (got ${mean})`);
      return (rng) => -mean * Math.log(1 - rng());
    }
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(spec);
      return (rng) => {
        // Clamp away from 0 so probit stays finite; the clamp moves less than 1e-12 of probability mass.
        const u = Math.min(Math.max(rng(), 1e-12), 1 - 1e-12);
        return Math.exp(mu + sigma * probit(u));
      };
    }
    case "empirical":
      return compileEmpirical(spec.values, spec.weights);
  }
}

export function lognormalParameters(spec: { median: number; p95: number } | { mu: number; sigma: number }): {
  mu: number;
  sigma: number;
} {
  if ("median" in spec) {
    if (!(spec.median > 0)) throw new RangeError(`lognormal needs median > 0 (got ${spec.median})`);
    if (!(spec.p95 > spec.median)) {
      throw new RangeError(`lognormal needs p95 > median (got median ${spec.median}, p95 ${spec.p95})`);
    }
    return { mu: Math.log(spec.median), sigma: Math.log(spec.p95 / spec.median) / Z95 };
  }
  if (!(spec.sigma >= 0)) throw new RangeError(`lognormal needs sigma >= 0 (got ${spec.sigma})`);
  return { mu: spec.mu, sigma: spec.sigma };
}

/** The mean of a distribution, used for load estimates and documentation. */
export function distributionMean(spec: DistributionSpec): number {
  switch (spec.type) {
    case "constant":
      return spec.value;
    case "uniform":
      return (spec.min + spec.max) / 2;
    case "exponential":
      return spec.mean;
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(spec);
      return Math.exp(mu + (sigma * sigma) / 2);
    }
    case "empirical": {
      const w = spec.weights ?? spec.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      return spec.values.reduce((acc, v, i) => acc + (v * (w[i] ?? 0)) / total, 0);
    }
  }
}

function compileEmpirical(values: number[], weights: number[] | undefined): Sampler {
  if (values.length === 0) throw new RangeError("empirical needs at least one value");
  const w = weights ?? values.map(() => 1);
  if (w.length !== values.length) {
    throw new RangeError(
      `empirical needs one weight per value (${values.length} values, ${w.length} weights)`,
    );
  }
  const cumulative = new Float64Array(values.length);
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    const weight = w[i]!;
    if (!(weight >= 0)) throw new RangeError(`empirical weights must be >= 0 (weight ${i} is ${weight})`);
    total += weight;
    cumulative[i] = total;
  }
  if (!(total > 0)) throw new RangeError("empirical weights must not all be zero");
  const vals = Float64Array.from(values);
  return (rng) => {
    const target = rng() * total;
    // Binary search for the first cumulative weight above the target.
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return vals[lo]!;
  };
}
