/**
 * A run on a small fixed cluster decides by scanning (src/sim/small-cluster.ts): which runs do, and that
 * the scan gives exactly what the placement index gives (metrics, series, delays, every event of the
 * log) for every built-in that has an index, on overloaded runs with ties, several shapes and zones.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { SCAN_UP_TO, scansByDefault } from "../../src/sim/small-cluster.ts";

/** Two instance groups of `a` and `b` instances over two zones; `extra` adds scenario sections. */
function scenarioText(a: number, b: number, extra = "", strategies = STRATEGIES): string {
  return `name: small
horizon: 2h
pending: queue
cluster:
  instanceTypes:
    small: { cpu: 1024, memory: 2048, pricePerHour: 0.05 }
    large: { cpu: 2048, memory: 4096, pricePerHour: 0.1 }
  instances:
    - { name: s, type: small, count: ${a}, zones: [z1, z2] }
    - { name: l, type: large, count: ${b}, zones: [z2, z1] }
taskDefinitions:
  - { family: one, containerDefinitions: [{ name: c, cpu: 512, memory: 1024 }] }
  - { family: two, containerDefinitions: [{ name: c, cpu: 256, memory: 1536 }] }
  - { family: big, containerDefinitions: [{ name: c, cpu: 1024, memory: 2048 }] }
workload:
  - taskDefinition: one
    arrival: { type: poisson, ratePerMinute: 40 }
    duration: { type: exponential, mean: 120 }
  - taskDefinition: two
    arrival: { type: interval, every: 7 }
    duration: { type: constant, value: 300 }
  - taskDefinition: big
    arrival: { type: poisson, ratePerMinute: 6 }
    duration: { type: exponential, mean: 400 }
${extra}strategies:
${strategies}`;
}

const STRATEGIES = Object.entries({
  "first-fit": "[{ type: first-fit }]",
  "binpack-memory": "[{ type: binpack, field: memory }]",
  "binpack-cpu": "[{ type: binpack, field: cpu }]",
  "spread-instance": "[{ type: spread, field: instanceId }]",
  "spread-az":
    '[{ type: spread, field: "attribute:ecs.availability-zone" }, { type: spread, field: instanceId }]',
  random: "[{ type: random }]",
  "best-fit": "[{ type: best-fit }]",
  "worst-fit": "[{ type: worst-fit }]",
})
  .map(([name, chain]) => `  - { name: ${name}, placementStrategy: ${chain} }\n`)
  .join("");

describe("scansByDefault", () => {
  const load = (text: string) => loadScenarioText("s.yaml", text).scenario;

  it("scans a fixed cluster of at most SCAN_UP_TO instances, counting every group", () => {
    expect(SCAN_UP_TO).toBe(16);
    expect(scansByDefault(load(scenarioText(8, 8)))).toBe(true);
    expect(scansByDefault(load(scenarioText(1, 0)))).toBe(true);
    expect(scansByDefault(load(scenarioText(8, 9)))).toBe(false);
    expect(scansByDefault(load(scenarioText(0, 17)))).toBe(false);
  });

  it("never scans by default when the cluster can change (dynamics)", () => {
    const sc = load(scenarioText(2, 2, "startupTime: { type: constant, value: 5 }\n"));
    expect(sc.dynamics.active).toBe(true);
    expect(scansByDefault(sc)).toBe(false);
  });
});

describe("a small fixed cluster's scan against the index", () => {
  it("gives the same runs, event for event, for every strategy and several seeds", () => {
    for (const [a, b] of [
      [3, 2],
      [8, 8],
      [1, 0],
    ] as const) {
      const sc = loadScenarioText("s.yaml", scenarioText(a, b)).scenario;
      expect(scansByDefault(sc)).toBe(true);
      for (const strategy of sc.strategies) {
        for (const seed of [1, 2]) {
          const runs = [{}, { alwaysIndex: true }].map((options) => {
            const log = new MemoryLog();
            const run = simulate(sc, strategy, seed, { ...options, log });
            return { run, entries: log.entries };
          });
          const [scanned, indexed] = runs as [(typeof runs)[0], (typeof runs)[0]];
          const what = `${a}+${b} ${strategy.name} seed ${seed}`;
          expect(scanned.run.metrics, what).toEqual(indexed.run.metrics);
          expect(scanned.run.series, what).toEqual(indexed.run.series);
          expect(scanned.run.delays, what).toEqual(indexed.run.delays);
          expect(scanned.entries, what).toEqual(indexed.entries);
          // The runs must be overloaded enough for retries and failure reasons to matter.
          expect(scanned.run.metrics.tasks.placed, what).toBeGreaterThan(100);
          expect(Object.keys(scanned.run.metrics.waitReasons).length, what).toBeGreaterThan(0);
        }
      }
    }
  });
});
