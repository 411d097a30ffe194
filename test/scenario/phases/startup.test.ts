import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../../src/scenario/load.ts";
import { InputError } from "../../../src/scenario/problems.ts";

const scenario = (top: string, own: string) => `name: t
horizon: 1h
${top}
cluster:
  instances:
    - { type: m5.large, count: 1 }
taskDefinitions:
  - family: a
    containerDefinitions: [{ name: c, cpu: 1, memory: 1 }]
  - family: b
${own}
    containerDefinitions: [{ name: c, cpu: 1, memory: 1 }]
workload:
  - { taskDefinition: a, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 60 } }
strategies:
  - { name: r, placementStrategy: [{ type: random }] }
`;

describe("startupTime", () => {
  it("a task definition's own startup time overrides the scenario default; constant 0 means none", () => {
    const { scenario: sc, warnings } = loadScenarioText(
      "s.yaml",
      scenario(
        "startupTime: { type: constant, value: 0 }",
        "    startupTime: { type: exponential, mean: 30s }",
      ),
    );
    expect(warnings).toEqual([]);
    expect(sc.dynamics.startupTimes).toEqual([null, { type: "exponential", mean: 30 }]);
    expect(sc.dynamics.active).toBe(true);
  });

  it("without any startup time nothing changes: no distribution, no dynamics", () => {
    const { scenario: sc } = loadScenarioText("s.yaml", scenario("", ""));
    expect(sc.dynamics.startupTimes).toEqual([null, null]);
    expect(sc.dynamics.active).toBe(false);
  });

  it("a distribution the sampler rejects is reported at its field", () => {
    let message = "";
    try {
      loadScenarioText(
        "s.yaml",
        scenario(
          "startupTime: { type: lognormal, median: 20s, p95: 60s }",
          "    startupTime: { type: uniform, min: 1m, max: 10s }",
        ),
      );
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      message = e.message;
    }
    expect(message).toMatch(
      /s\.yaml:\d+:\d+ taskDefinitions\[1\]\.startupTime\.max: uniform needs max >= min/,
    );
  });
});
