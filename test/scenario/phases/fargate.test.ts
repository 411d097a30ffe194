import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../../src/scenario/load.ts";
import { InputError } from "../../../src/scenario/problems.ts";

describe("Fargate compatibility checks", () => {
  it("leave a reference to a missing task definition to the problem already reported at it", () => {
    const text = `name: missing
horizon: 1h
cluster:
  instances: [{ type: m5.large, count: 1 }]
services:
  - { name: api, taskDefinition: api, desiredCount: 1 }
strategies: [{ name: b, placementStrategy: [{ type: binpack, field: memory }] }]
`;
    let error: unknown;
    try {
      loadScenarioText("s.yaml", text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(
      /^s\.yaml:6:\d+ services\[0\]\.taskDefinition: no task definition/,
    );
  });
});
