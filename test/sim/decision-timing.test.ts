import { describe, expect, it } from "vitest";
import { DECISION_TIMING_STRIDE } from "../../src/sim/engine.ts";
import { runText } from "./run-scenario.ts";

const scenario = (count: number) => `
name: timing
horizon: 100
pending: queue
cluster:
  instanceTypes: { box: { cpu: 4096, memory: 8192, pricePerHour: 0 } }
  instances: [{ type: box, count: 2 }]
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: job, cpu: 1024, memory: 1024 }]
workload:
  - taskDefinition: job
    arrival: { type: burst, at: 1, count: ${count} }
    duration: { type: constant, value: 10 }
strategies: [{ name: s, placementStrategy: [{ type: binpack, field: memory }] }]
`;

describe("decision timing", () => {
  it("counts every decision of an arriving task, placed or queued, though only every k-th is timed (k < 20, so some were)", () => {
    // 8 fit at once (2 boxes x 4), 12 wait and are placed by retries (not decisions of arriving tasks).
    const { run } = runText(scenario(20));
    expect(run.metrics.tasks.submitted).toBe(20);
    expect(run.timing.decisions).toBe(20);
    expect(DECISION_TIMING_STRIDE).toBeLessThan(20);
  });
});
