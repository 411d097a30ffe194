/** CQL regexes cannot hang a run: they run on a linear-time engine (issue 13). */
import { describe, expect, it } from "vitest";
import { patternProblem, wholeMatch } from "../../../src/placement/cql/linear-regex.ts";
import { parseCql } from "../../../src/placement/cql/parse.ts";
import { simulate } from "../../../src/sim/simulate.ts";
import { scenarioFrom } from "../../helpers/scenario.ts";

describe("CQL regexes", () => {
  it("match the whole value, as Java's Pattern.matches", () => {
    expect(wholeMatch("g4dn.*").test("g4dn.xlarge")).toBe(true);
    expect(wholeMatch("g4dn").test("g4dn.xlarge")).toBe(false);
    expect(wholeMatch("a|b").test("b")).toBe(true);
  });

  it("match a catastrophic pattern against a long value in linear time", () => {
    const re = wholeMatch("(a+)+b");
    const started = performance.now();
    expect(re.test(`${"a".repeat(5000)}c`)).toBe(false);
    expect(wholeMatch("(a|aa)*c").test("a".repeat(5000))).toBe(false);
    // Backtracking would need 2^5000 steps; the linear engine needs milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("reject back-references and look-around at parse time, saying why", () => {
    expect(patternProblem("(a)\\1")).toMatch(/cannot be matched in linear time/);
    expect(patternProblem("a(?=b)")).toMatch(/cannot be matched in linear time/);
    expect(patternProblem("(")).toBe('"(" is not a valid regular expression');
    expect(patternProblem("ab+")).toBeUndefined();
    expect(() => parseCql("attribute:x =~ '(a)\\1'")).toThrow(/cannot be matched in linear time/);
  });

  it("a memberOf with a catastrophic regex on a long attribute value finishes", () => {
    const long = "a".repeat(3000);
    const scenario = scenarioFrom(`
name: regex
horizon: 10m
cluster:
  instances:
    - { type: m5.large, count: 2, attributes: { tier: "${long}" } }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
    placementConstraints: [{ type: memberOf, expression: "attribute:tier =~ '(a+)+b'" }]
workload:
  - { taskDefinition: web, arrival: { type: interval, every: 1m }, duration: { type: constant, value: 1m } }
strategies:
  - { name: bp, placementStrategy: [{ type: binpack, field: memory }] }
`);
    const run = simulate(scenario, scenario.strategies[0]!, 1);
    expect(run.metrics.tasks.submitted).toBeGreaterThan(0);
    expect(run.metrics.tasks.placed).toBe(0);
  });
});
