import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/core/random.ts";

const draw = (rng: () => number, n: number) => Array.from({ length: n }, () => rng());

describe("createStream", () => {
  it("draws exactly what the seedrandom package's Alea gives for (seed, concern)", () => {
    for (const [seed, concern] of [
      [1, "arrivals/0"],
      [42, "tie-break"],
      [-7, ""],
      [2 ** 40, "durations/12"],
    ] as const) {
      const ours = createStream(seed, concern);
      const theirs = seedrandom.alea(`berth:${seed}:${concern}`);
      for (let k = 0; k < 1000; k++) expect(ours()).toBe(theirs());
    }
  });

  it("gives the identical sequence for the same seed and concern", () => {
    expect(draw(createStream(42, "arrivals/0"), 1000)).toEqual(draw(createStream(42, "arrivals/0"), 1000));
  });

  it("gives different sequences for different concerns under one seed", () => {
    const a = draw(createStream(42, "arrivals/0"), 100);
    const b = draw(createStream(42, "durations/0"), 100);
    const c = draw(createStream(42, "arrivals/1"), 100);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
    // Not just shifted copies: hardly any value is shared.
    const shared = a.filter((x) => b.includes(x) || c.includes(x));
    expect(shared.length).toBe(0);
  });

  it("gives different sequences for different seeds", () => {
    expect(draw(createStream(1, "tie-break"), 100)).not.toEqual(draw(createStream(2, "tie-break"), 100));
  });

  it("draws from [0, 1) with a uniform-looking mean", () => {
    const n = 100_000;
    const xs = draw(createStream(7, "check"), n);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    // SE of the mean of U(0,1) is sqrt(1/12 / n) ~ 0.00091; allow 5 SE.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
  });

  it("is not disturbed by other streams drawing in between", () => {
    const alone = draw(createStream(3, "x"), 50);
    const x = createStream(3, "x");
    const y = createStream(3, "y");
    const interleaved: number[] = [];
    for (let k = 0; k < 50; k++) {
      interleaved.push(x());
      y();
      y();
    }
    expect(interleaved).toEqual(alone);
  });
});
