import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildResults, type Results, serializeResults, withoutTiming } from "../../src/report/results.ts";
import type { CompiledScenario } from "../../src/scenario/compile.ts";
import { compare } from "../../src/sim/compare.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { scenarioFrom } from "../helpers/scenario.ts";

// The stream tests need a scenario without services or failures: replacements differ by strategy there.
const OVERLOADED = readFileSync(new URL("../../scenarios/overloaded.yaml", import.meta.url), "utf8");
const QUICKSTART = readFileSync(new URL("../../scenarios/quickstart.yaml", import.meta.url), "utf8");

function withSeed(seed: number, text = OVERLOADED): CompiledScenario {
  return scenarioFrom(text.replace(/^seed: \d+$/m, `seed: ${seed}`));
}

/** results.json text without the wall-clock sections. */
function deterministicText(scenario: CompiledScenario, replications = 2): string {
  const results = buildResults(scenario, compare(scenario, { replications }));
  return serializeResults(withoutTiming(results) as Results);
}

describe("determinism", () => {
  it("the same scenario, strategies and seeds give byte-identical results", () => {
    const a = deterministicText(withSeed(1));
    const b = deterministicText(withSeed(1));
    expect(a.length).toBeGreaterThan(1000);
    expect(a).toBe(b);
    expect(a).not.toMatch(/wallSeconds|decisionTimeUs|eventsPerSecond/);
  });

  it("the quick start (services, scaling, an outage) gives byte-identical results too", () => {
    const a = deterministicText(withSeed(1, QUICKSTART));
    expect(a).toContain('"verdict"');
    expect(deterministicText(withSeed(1, QUICKSTART))).toBe(a);
  });

  it("does not depend on which other runs happened in the same process", () => {
    const s = withSeed(5);
    const strategy = s.strategies[1]!;
    const alone = simulate(s, strategy, 5).metrics;
    // Interleave other strategies and seeds, then repeat.
    for (const other of s.strategies) simulate(s, other, 9);
    expect(simulate(s, strategy, 5).metrics).toEqual(alone);
  });

  it("different seeds give different results", () => {
    const a = deterministicText(withSeed(1), 1);
    const b = deterministicText(withSeed(2), 1);
    expect(a).not.toBe(b);
    const s = withSeed(1);
    const m1 = simulate(s, s.strategies[0]!, 1).metrics;
    const m2 = simulate(s, s.strategies[0]!, 2).metrics;
    expect(m1.tasks.submitted).not.toBe(m2.tasks.submitted);
  });

  it("every strategy under one seed sees the same submitted tasks (common random numbers)", () => {
    const s = withSeed(3);
    const comparison = compare(s, { replications: 3 });
    expect(comparison.map((c) => c.strategy.name)).toEqual(["binpack-memory", "spread-az", "random"]);
    for (let r = 0; r < 3; r++) {
      const submitted = comparison.map((c) => c.runs[r]!.metrics.tasks.submitted);
      expect(submitted[0]).toBeGreaterThan(0);
      expect(new Set(submitted).size).toBe(1);
    }
    // ... while the placements themselves differ between strategies.
    const utilization = comparison.map((c) => c.runs[0]!.metrics.utilization.memoryInUse);
    expect(new Set(utilization).size).toBe(3);
    // and seeds differ between replications.
    expect(comparison[0]!.runs.map((r) => r.seed)).toEqual([3, 4, 5]);
  });

  it("every strategy sees the identical arrival and duration stream, task by task", () => {
    const s = withSeed(4);
    const logs = s.strategies.map((strategy) => {
      const log = new MemoryLog();
      simulate(s, strategy, 4, { log });
      return log.entries;
    });
    const arrivals = logs.map((entries) =>
      entries.filter((e) => e.state === "PENDING").map((e) => `${e.task}@${e.time}:${e.family}`),
    );
    expect(arrivals[0]!.length).toBeGreaterThan(100);
    expect(arrivals[1]).toEqual(arrivals[0]);
    expect(arrivals[2]).toEqual(arrivals[0]);
    // Durations: RUNNING -> STOPPED per task, equal wherever a task completed under two strategies.
    const durations = logs.map((entries) => {
      const started = new Map<string, number>();
      const lasted = new Map<string, number>();
      for (const e of entries) {
        if (e.state === "RUNNING") started.set(e.task!, e.time);
        if (e.state === "STOPPED") lasted.set(e.task!, e.time - started.get(e.task!)!);
      }
      return lasted;
    });
    let compared = 0;
    for (const [task, d] of durations[0]!) {
      for (const other of durations.slice(1)) {
        const o = other.get(task);
        if (o === undefined) continue;
        expect(o).toBeCloseTo(d, 6);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
