/** Gates cannot pass on nothing: empty metrics and misspelt failure reasons (issue 13). */
import { describe, expect, it } from "vitest";
import { buildResults } from "../../../src/report/results.ts";
import { loadScenarioText } from "../../../src/scenario/load.ts";
import { type Gate, parseGate } from "../../../src/scenario/parse-gate.ts";
import { compare } from "../../../src/sim/compare.ts";

const gate = (text: string): Gate => {
  const g = parseGate(text, "--gate");
  if (typeof g === "string") throw new Error(g);
  return g;
};

/** A scenario whose only instance group has 0 instances: nothing can ever be placed. */
const EMPTY_CLUSTER = `name: empty
seed: 1
replications: 2
horizon: 30m
cluster:
  instances:
    - { type: m5.large, count: 0 }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
workload:
  - { taskDefinition: web, arrival: { type: interval, every: 1m }, duration: { type: constant, value: 5m } }
strategies:
  - { name: bp, placementStrategy: [{ type: binpack, field: memory }] }
`;

function gatesOn(text: string, gates: Gate[]) {
  const { scenario } = loadScenarioText("s.yaml", text);
  return buildResults(scenario, compare(scenario), { gates }).gates;
}

describe("gates on metrics with no samples", () => {
  it("a delay gate on a cluster of 0 instances fails and says there were no samples", () => {
    const [r] = gatesOn(EMPTY_CLUSTER, [gate("placementDelay.p95 < 30s")]);
    expect(r!.status).toBe("tripped");
    expect(r!.message).toBe(
      'placementDelay.p95 of bp has no samples: no task was placed after warm-up in 2 of 2 runs, so its 0 measures nothing (end the gate with "or empty" to accept that)',
    );
  });

  it("utilization and stranded capacity of a cluster that never had an instance are empty too", () => {
    const results = gatesOn(EMPTY_CLUSTER, [
      gate("utilization.memory > 0.1"),
      gate("utilization.memoryInUse > 0.1"),
      gate("fragmentation.strandedMemory < 0.2"),
    ]);
    expect(results.map((r) => r.status)).toEqual(["tripped", "tripped", "tripped"]);
    expect(results[0]!.message).toContain("the cluster never had an instance in 2 of 2 runs");
    expect(results[1]!.message).toContain("no instance ever held a task in 2 of 2 runs");
  });

  it('passes an empty metric when the gate ends with "or empty"', () => {
    const [r] = gatesOn(EMPTY_CLUSTER, [gate("placementDelay.p95 < 30s or empty")]);
    expect(r!.status).toBe("passed");
    expect(r!.message).toContain(
      'has no samples (no task was placed after warm-up in 2 of 2 runs); allowed by "or empty"',
    );
  });

  it("leaves a measured metric alone", () => {
    const [r] = gatesOn(EMPTY_CLUSTER.replace("count: 0", "count: 2"), [gate("placementDelay.p95 < 30s")]);
    expect(r!.status).toBe("passed");
    expect(r!.message).toMatch(/holds$/);
  });
});

describe("gates on failure reasons", () => {
  it("rejects a misspelt reason, suggesting the near one", () => {
    expect(parseGate("failureReasons.RESOURCE:MEMROY < 1", "--gate")).toBe(
      'gate "failureReasons.RESOURCE:MEMROY < 1": unknown failure reason "RESOURCE:MEMROY" (did you mean RESOURCE:MEMORY? known: RESOURCE:CPU, RESOURCE:MEMORY, RESOURCE:GPU, RESOURCE:ENI, RESOURCE:PORTS, INSTANCE:INACTIVE, CONSTRAINT:memberOf, CONSTRAINT:distinctInstance, NO_ACTIVE_INSTANCES, STRATEGY:<filter name>)',
    );
  });

  it("accepts every reason the engine counts, and strategy filters", () => {
    for (const reason of ["RESOURCE:MEMORY", "RESOURCE:PORTS", "CONSTRAINT:memberOf", "STRATEGY:gpu-reserve"])
      expect(typeof parseGate(`failureReasons.${reason} < 1`, "--gate"), reason).toBe("object");
  });

  it("rejects a misspelt reason in a scenario at file:line:col", () => {
    expect(() =>
      loadScenarioText("s.yaml", `${EMPTY_CLUSTER}gates:\n  - "failureReasons.RESOURCE:MEMROY < 1"\n`),
    ).toThrow(/^s\.yaml:16:5 gates\[0\]: gate "failureReasons\.RESOURCE:MEMROY < 1": unknown failure reason/);
  });
});
