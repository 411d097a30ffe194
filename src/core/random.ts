/**
 * Seeded random streams, one per concern.
 *
 * Every source of randomness (each workload source's arrivals, its durations, faults, tie-breaks) draws
 * from its own stream, seeded from (run seed, concern name). Strategies compared under the same seed
 * therefore see the same arrivals and durations no matter how many tie-breaks each one consumes
 * (common random numbers). The generator is seedrandom's Alea: fast, and identical on every platform.
 */
import seedrandom from "seedrandom";

/** A uniform generator on [0, 1). */
export type Rng = () => number;

export function createStream(seed: number, concern: string): Rng {
  const prng = seedrandom.alea(`berth:${seed}:${concern}`);
  return () => prng();
}
