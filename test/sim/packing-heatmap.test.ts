/**
 * The packing heatmap in real runs: recorded only where asked, an observer that changes no other figure,
 * deterministic, and consistent with the run's own utilization integral.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildResults, type Results, serializeResults, withoutTiming } from "../../src/report/results.ts";
import { compare } from "../../src/sim/compare.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { scenarioFrom } from "../helpers/scenario.ts";

const QUICKSTART = readFileSync(new URL("../../scenarios/quickstart.yaml", import.meta.url), "utf8");

/** A fixed cluster of equal instances, no warm-up: the grid's mean must equal utilization.cpu. */
const STATIC = `
name: static
seed: 4
replications: 2
horizon: 3h
cluster:
  instances:
    - { type: m5.large, count: 5, zones: [us-east-1a, us-east-1b] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 512, memory: 1024 }]
workload:
  - { taskDefinition: web, arrival: { type: poisson, ratePerHour: 30 }, duration: { type: exponential, mean: 20m } }
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: cpu }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

const text = (r: Results) => serializeResults(withoutTiming(r) as Results);

describe("packing heatmap in a run", () => {
  it("is recorded only on the asked seed, for every strategy, and changes no other figure", () => {
    const scenario = scenarioFrom(STATIC);
    const plain = buildResults(scenario, compare(scenario));
    const withHeat = compare(scenario, { heatmapSeed: 5 });
    for (const s of withHeat) {
      expect(s.runs.map((r) => r.packing?.seed)).toEqual([undefined, 5]);
    }
    const results = buildResults(scenario, withHeat);
    expect(results.strategies.map((s) => s.packing?.seed)).toEqual([5, 5]);
    expect(plain.strategies.every((s) => s.packing === undefined)).toBe(true);
    expect(text(plain)).not.toContain('"packing"');
    const stripped = { ...results, strategies: results.strategies.map(({ packing: _p, ...s }) => s) };
    expect(text(stripped as Results)).toBe(text(plain));
  });

  it("averages, capacity- and time-weighted, to the run's CPU and memory utilization", () => {
    const scenario = scenarioFrom(STATIC);
    for (const strategy of scenario.strategies) {
      const run = simulate(scenario, strategy, 4, { packing: { bins: 18 } });
      const p = run.packing!;
      expect(p.instances).toBe(5);
      expect(p.rows).toHaveLength(5);
      expect(p.binSeconds).toBe(600);
      const mean = (key: "cpu" | "memory") => {
        const cells = p.rows.flatMap((r) => r[key]);
        expect(cells.every((v) => v !== null)).toBe(true);
        return cells.reduce((a: number, v) => a + v!, 0) / cells.length / 1000;
      };
      // Cells are rounded to 1 per mille each: their mean is within 0.0005 of the exact integral.
      expect(Math.abs(mean("cpu") - run.metrics.utilization.cpu)).toBeLessThan(0.0005);
      expect(Math.abs(mean("memory") - run.metrics.utilization.memory)).toBeLessThan(0.0005);
    }
  });

  it("gives byte-identical heatmaps for the same scenario and seed, and orders rows by group, zone, launch", () => {
    const scenario = scenarioFrom(QUICKSTART);
    const a = compare(scenario, { replications: 1, heatmapSeed: 1 });
    const b = compare(scenario, { replications: 1, heatmapSeed: 1 });
    const heat = (c: typeof a) => JSON.stringify(c.map((s) => s.runs[0]!.packing));
    expect(heat(a)).toBe(heat(b));
    for (const s of a) {
      const p = s.runs[0]!.packing!;
      expect(p.rows.length).toBeLessThanOrEqual(p.maxRows);
      expect(p.rows.reduce((n, r) => n + r.count, 0)).toBe(p.instances);
      const zones = p.rows.map((r) => r.zone!);
      expect(zones).toEqual([...zones].sort());
      // The zone outage (us-east-1a, 3h to 4h: bins 30 to 39 of 6 minutes) ends that zone's instances and
      // launches none there: absent, not 0%, while it lasts.
      expect(p.binSeconds).toBe(360);
      const outage = p.rows.filter((row) => row.zone === "us-east-1a");
      expect(outage.length).toBeGreaterThan(0);
      for (const r of outage) expect(r.cpu.slice(30, 40)).toEqual(Array(10).fill(null));
      expect(p.rows.filter((row) => row.zone !== "us-east-1a").some((r) => r.cpu[35] !== null)).toBe(true);
    }
  });

  it("bounds the grid when a strategy launches more instances than rows", () => {
    const scenario = scenarioFrom(QUICKSTART);
    const run = simulate(scenario, scenario.strategies[0]!, 1, { packing: { bins: 12, maxRows: 4 } });
    const p = run.packing!;
    expect(p.instances).toBeGreaterThan(4);
    expect(p.rows).toHaveLength(4);
    expect(p.rows.every((r) => r.cpu.length === 12 && r.memory.length === 12)).toBe(true);
    expect(p.rows.reduce((n, r) => n + r.count, 0)).toBe(p.instances);
  });
});
