import { describe, expect, it } from "vitest";
import { placementReasons, placementReasonsMarkdown } from "../../src/report/placement-reasons.ts";
import { buildResults } from "../../src/report/results.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";

const SCENARIO = (pending: string) => `name: r
horizon: 1h
pending: ${pending}
cluster: { instances: [{ type: m5.large, count: 2 }] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: a, cpu: 256, memory: 256, portMappings: [{ containerPort: 80, hostPort: 443 }] }]
workload:
  - { taskDefinition: web, arrival: { type: burst, at: 0, count: 5 }, duration: { type: constant, value: 2h } }
strategies:
  - { name: ff, placementStrategy: [{ type: first-fit }] }
`;

function results(pending: string) {
  const { scenario } = loadScenarioText("r.yaml", SCENARIO(pending));
  return buildResults(scenario, compare(scenario, { replications: 2 }));
}

describe("placement reasons in the report", () => {
  it("counts tasks that waited or failed by reason, per strategy, as means over replications", () => {
    expect(placementReasons(results("queue"))).toEqual([
      { strategy: "ff", kind: "waited", reason: "RESOURCE:PORTS", mean: 3, ci95: 0 },
    ]);
    expect(placementReasons(results("fail"))).toEqual([
      { strategy: "ff", kind: "failed", reason: "RESOURCE:PORTS", mean: 3, ci95: 0 },
    ]);
    expect(placementReasonsMarkdown(results("queue"))).toContain("| ff | waited | RESOURCE:PORTS | 3 |");
  });
});
