/**
 * Seeded random streams, one per concern.
 *
 * Every source of randomness (each workload source's arrivals, its durations, faults, tie-breaks) draws
 * from its own stream, seeded from (run seed, concern name). Strategies compared under the same seed
 * therefore see the same arrivals and durations no matter how many tie-breaks each one consumes
 * (common random numbers). The generator is seedrandom's Alea: fast, and identical on every platform.
 * It is imported on its own (the function `seedrandom.alea` is): the package's entry also loads its other
 * generators and Node's crypto module, a few milliseconds of every start.
 */
import alea from "seedrandom/lib/alea.js";

/** A uniform generator on [0, 1). */
export type Rng = () => number;

export function createStream(seed: number, concern: string): Rng {
  const prng = alea(`berth:${seed}:${concern}`);
  return () => prng();
}
