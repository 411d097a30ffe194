/**
 * Static bin packing (every task at t = 0, none leaves) against known optima.
 *
 * Tasks are submitted largest first (burst sources at the same instant run in source order) and placed with
 * the first-fit step, so the engine runs first-fit decreasing (FFD). Instances have `CAPACITY` cpu units and
 * ample memory, so cpu is the one binding dimension.
 *  - Exact sets: each of m instances is cut into random pieces that fill it exactly, so the optimum is m.
 *  - Uniform sets (Falkenauer's "u" class: sizes uniform in 20..100, capacity 150): the optimum is unknown,
 *    but OPT >= L2, so FFD / L2 <= 1.02 shows FFD within 2% of the optimum.
 */
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/core/random.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { compileObject, FIRST_FIT, taskDef } from "../helpers/scenario.ts";

/** Runs FFD in the engine; returns the instances used, the recorded lower bound and packing efficiency. */
function packInEngine(items: number[], capacity: number) {
  const counts = new Map<number, number>();
  for (const w of items) counts.set(w, (counts.get(w) ?? 0) + 1);
  const sizes = [...counts.keys()].sort((a, b) => b - a);
  const total = items.reduce((a, b) => a + b, 0);
  const scenario = compileObject({
    name: "static-packing",
    horizon: 10,
    sampleEvery: 10,
    cluster: {
      instanceTypes: { bin: { cpu: capacity, memory: 1_000_000 } },
      instances: [{ type: "bin", count: Math.ceil((1.5 * total) / capacity) + 5 }],
    },
    taskDefinitions: sizes.map((w) => taskDef(`s${w}`, w, 1)),
    workload: sizes.map((w) => ({
      taskDefinition: `s${w}`,
      arrival: { type: "burst", at: 0, count: counts.get(w)! },
      duration: { type: "constant", value: 1e9 },
    })),
    strategies: [FIRST_FIT],
  });
  const run = simulate(scenario, scenario.strategies[0]!, 1);
  const m = run.metrics;
  expect(m.tasks.placed).toBe(items.length);
  return {
    used: m.instancesInUse.mean,
    lowerBound: run.series.lowerBound,
    efficiency: m.fragmentation.packingEfficiency,
  };
}

/** Independent first-fit decreasing, for cross-checking the engine. */
function ffd(items: number[], capacity: number): number {
  const loads: number[] = [];
  for (const w of [...items].sort((a, b) => b - a)) {
    const b = loads.findIndex((load) => load + w <= capacity);
    if (b >= 0) loads[b]! += w;
    else loads.push(w);
  }
  return loads.length;
}

/** m instances, each cut into 2..6 random integer pieces that fill it exactly. */
function exactSet(seed: number, m: number, capacity: number): number[] {
  const rng = createStream(seed, "exact-set");
  const items: number[] = [];
  for (let b = 0; b < m; b++) {
    const pieces = 2 + Math.floor(rng() * 5);
    const cuts = new Set<number>();
    while (cuts.size < pieces - 1) cuts.add(1 + Math.floor(rng() * (capacity - 1)));
    const points = [0, ...[...cuts].sort((x, y) => x - y), capacity];
    for (let k = 1; k < points.length; k++) items.push(points[k]! - points[k - 1]!);
  }
  return items;
}

function uniformSet(seed: number, n: number): number[] {
  const rng = createStream(seed, "uniform-set");
  return Array.from({ length: n }, () => 20 + Math.floor(rng() * 81));
}

describe("static bin packing with a known optimum", () => {
  for (const seed of [1, 2, 3]) {
    it(`exact set ${seed}: the bound equals the optimum and efficiency = instances used / optimum`, () => {
      const m = 25;
      const items = exactSet(seed, m, 1000);
      expect(items.reduce((a, b) => a + b, 0)).toBe(m * 1000);
      const r = packInEngine(items, 1000);
      expect(new Set(r.lowerBound)).toEqual(new Set([m]));
      expect(r.used).toBe(ffd(items, 1000));
      expect(r.used).toBeGreaterThanOrEqual(m);
      expect(r.efficiency).toBeCloseTo(r.used / m, 12);
    });
  }
});

describe("first-fit decreasing on uniform sizes (Falkenauer u class)", () => {
  // Falkenauer's u sets come in sizes 120, 250, 500 and 1000; FFD is known to average within about 2% of
  // the optimum on them. Each set here must be within 3% of its bound, and each class within 2% on average.
  for (const [n, sets] of [
    [250, 8],
    [500, 6],
    [1000, 3],
  ] as const) {
    it(`u${n}: FFD averages within 2% of the optimum over ${sets} sets`, () => {
      const ratios = Array.from({ length: sets }, (_, k) => {
        const items = uniformSet(k + 1, n);
        const r = packInEngine(items, 150);
        const bound = r.lowerBound[0]!;
        expect(new Set(r.lowerBound)).toEqual(new Set([bound]));
        expect(bound).toBeGreaterThanOrEqual(Math.ceil(items.reduce((a, b) => a + b, 0) / 150));
        expect(r.used).toBe(ffd(items, 150));
        expect(r.efficiency).toBeCloseTo(r.used / bound, 12);
        expect(r.used / bound).toBeLessThanOrEqual(1.03);
        return r.used / bound;
      });
      expect(ratios.reduce((a, b) => a + b, 0) / sets).toBeLessThanOrEqual(1.02);
    });
  }
});
