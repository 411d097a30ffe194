/** Values that parse but cannot mean anything (issue 13) are rejected at validate time, at their field. */
import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { problemsOf, smallScenario } from "../helpers/scenario.ts";

// The workload in block style: arrival and duration each on a line of their own (12 and 13).
const BASE = smallScenario({
  workload: [
    "  - taskDefinition: web",
    "    arrival: { type: poisson, ratePerHour: 10 }",
    "    duration: { type: constant, value: 5m }",
  ].join("\n"),
});

/** The problem lines, or none when the text loads. */
function problems(text: string): string[] {
  try {
    return problemsOf(text);
  } catch (e) {
    if ((e as Error).message === "expected the scenario to be rejected") return [];
    throw e;
  }
}

const withArrival = (arrival: string) =>
  BASE.replace("arrival: { type: poisson, ratePerHour: 10 }", `arrival: ${arrival}`);
const withDuration = (duration: string) =>
  BASE.replace("duration: { type: constant, value: 5m }", `duration: ${duration}`);

describe("schema bounds", () => {
  it("accepts the base scenario", () => {
    expect(problems(BASE)).toEqual([]);
  });

  it.each([
    [
      "interval every 0",
      withArrival("{ type: interval, every: 0 }"),
      /^s\.yaml:12:\d+ workload\[0\]\.arrival\.every: must be greater than 0/,
    ],
    [
      "sinusoid period 0",
      withArrival("{ type: sinusoid, ratePerHour: 10, amplitude: 0.5, period: 0 }"),
      /^s\.yaml:12:\d+ workload\[0\]\.arrival\.period: must be greater than 0/,
    ],
    [
      "sampleEvery 0",
      BASE.replace("horizon: 1h", "horizon: 1h\nsampleEvery: 0"),
      /^s\.yaml:3:1 sampleEvery: must be greater than 0/,
    ],
    ["horizon 0", BASE.replace("horizon: 1h", "horizon: 0s"), /^s\.yaml:2:1 horizon: must be greater than 0/],
  ])("rejects %s with file:line:col", (_, text, expected) => {
    const lines = problems(text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  it.each([
    [
      "uniform max < min",
      "{ type: uniform, min: 10m, max: 5m }",
      "duration.max: uniform needs max >= min (min is 600)",
    ],
    [
      "lognormal p95 = median",
      "{ type: lognormal, median: 20s, p95: 20s }",
      "duration.p95: lognormal needs p95 > median (median is 20)",
    ],
    [
      "lognormal p95 < median",
      "{ type: lognormal, median: 20s, p95: 10s }",
      "duration.p95: lognormal needs p95 > median",
    ],
    [
      "lognormal median 0",
      "{ type: lognormal, median: 0, p95: 10s }",
      "duration.median: lognormal needs a median greater than 0",
    ],
    [
      "exponential mean 0",
      "{ type: exponential, mean: 0 }",
      "duration.mean: exponential needs a mean greater than 0",
    ],
    [
      "empirical weights all zero",
      "{ type: empirical, values: [1, 2], weights: [0, 0] }",
      "duration.weights: empirical weights must not all be zero",
    ],
    [
      "empirical wrong weight count",
      "{ type: empirical, values: [1, 2], weights: [1] }",
      "duration.weights: empirical needs one weight per value (2 values, 1 weights)",
    ],
  ])("rejects a distribution that cannot work: %s", (_, duration, message) => {
    const lines = problems(withDuration(duration));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^s\.yaml:13:\d+ workload\[0\]\./);
    expect(lines[0]).toContain(message);
  });

  it("checks distributions wherever they appear (startupTime, failures)", () => {
    const lines = problems(
      BASE.replace("horizon: 1h", "horizon: 1h\nstartupTime: { type: exponential, mean: 0s }"),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^s\.yaml:3:\d+ startupTime\.mean: exponential needs a mean/),
    ]);
  });
});

describe("static host ports that can never be placed", () => {
  function warnings(text: string): string[] {
    return loadScenarioText("s.yaml", text).warnings;
  }

  it("warns when a task needs a port the ECS agent reserves", () => {
    const text = BASE.replace(
      "- { name: app, cpu: 256, memory: 512 }",
      "- { name: app, cpu: 256, memory: 512, portMappings: [{ containerPort: 22, hostPort: 22 }] }",
    );
    expect(warnings(text)).toEqual([
      'warning: s.yaml:7:5 taskDefinitions[0]: host port 22/tcp is reserved by the ECS agent on every instance (22, 2375, 2376, 51678, 51679, 51680), so "web" can never be placed',
    ]);
  });

  it("warns when a task needs more static ports than an instance can hold", () => {
    const mappings = Array.from(
      { length: 101 },
      (_, k) => `{ containerPort: ${1000 + k}, hostPort: ${1000 + k} }`,
    );
    const text = BASE.replace(
      "- { name: app, cpu: 256, memory: 512 }",
      `- { name: app, cpu: 256, memory: 512, portMappings: [${mappings.join(", ")}] }`,
    );
    expect(warnings(text)).toEqual([
      'warning: s.yaml:7:5 taskDefinitions[0]: "web" needs 101 static host ports; an instance holds at most 100 reserved ports, 6 of them the agent\'s, so it can never be placed',
    ]);
  });

  it("says nothing for ordinary ports", () => {
    const text = BASE.replace(
      "- { name: app, cpu: 256, memory: 512 }",
      "- { name: app, cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 80 }] }",
    );
    expect(warnings(text)).toEqual([]);
  });
});
