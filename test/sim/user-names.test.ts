/** Names users write become keys: "__proto__" and friends must be ordinary names (issue 13). */
import { describe, expect, it } from "vitest";
import { buildResults } from "../../src/report/results.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { type Gate, parseGate } from "../../src/scenario/parse-gate.ts";
import { compare } from "../../src/sim/compare.ts";

const SCENARIO = `name: proto
seed: 1
replications: 2
horizon: 1h
cluster:
  instances:
    - { type: m5.large, count: 2, zones: [a, b], attributes: { __proto__: x, constructor: y } }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
services:
  - { name: __proto__, taskDefinition: web, desiredCount: 2 }
  - { name: constructor, taskDefinition: web, desiredCount: 1 }
  - { name: toString, taskDefinition: web, desiredCount: 1 }
strategies:
  - { name: bp, placementStrategy: [{ type: binpack, field: memory }] }
`;

describe("user names that are Object.prototype names", () => {
  it("keep their service metrics, summaries, paired differences and gates", () => {
    const { scenario } = loadScenarioText("s.yaml", SCENARIO);
    const names = ["__proto__", "constructor", "toString"];
    const g = parseGate("dynamics.services.__proto__.availability >= 0.9", "--gate", names) as Gate;
    expect(typeof g).toBe("object");
    const results = buildResults(scenario, compare(scenario), { gates: [g] });
    const s = results.strategies[0]!;
    const services = s.runs[0]!.metrics.dynamics!.services;
    expect(Object.keys(services)).toEqual(names);
    expect(Object.hasOwn(services, "__proto__")).toBe(true);
    const summary = (s.summary.dynamics as Record<string, Record<string, unknown>>).services!;
    expect(Object.keys(summary)).toEqual(names);
    expect(Object.hasOwn(summary, "__proto__")).toBe(true);
    expect(JSON.stringify(summary)).toContain('"__proto__":{"availability":{"mean":1');
    expect(results.gates[0]!.status).toBe("passed");
    expect(results.gates[0]!.observed).toBe(1);
  });
});
