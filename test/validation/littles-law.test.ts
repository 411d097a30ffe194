/**
 * Little's law, L = lambda W, checked on the engine's own records for an M/M/4 system at rho = 0.9 (one task
 * fills an instance, so the instances are the servers and the pending queue is the waiting line):
 *   pending:  time-average pending tasks  = arrival rate x mean placement delay
 *   running:  time-average running tasks  = arrival rate x mean task duration (60 s)
 * Over a finite horizon the law is off only by the tasks still waiting or running at the end.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/sim/simulate.ts";
import { compileObject, FIRST_FIT, taskDef } from "../helpers/scenario.ts";

const HORIZON = 2_000_000;

const scenario = compileObject({
  name: "mm4",
  seed: 11,
  horizon: HORIZON,
  sampleEvery: 60,
  cluster: {
    instanceTypes: { slot: { cpu: 1024, memory: 1024 } },
    instances: [{ type: "slot", count: 4 }],
  },
  taskDefinitions: [taskDef("job", 1024, 1024)],
  workload: [
    {
      taskDefinition: "job",
      arrival: { type: "poisson", ratePerMinute: 3.6 },
      duration: { type: "exponential", mean: 60 },
    },
  ],
  strategies: [FIRST_FIT],
});

describe("Little's law on an M/M/4 queue at rho = 0.9", () => {
  const run = simulate(scenario, scenario.strategies[0]!, 11);
  const m = run.metrics;
  const lambda = m.tasks.submitted / HORIZON;

  it("has a real queue to measure", () => {
    expect(m.tasks.submitted).toBeGreaterThan(100_000);
    expect(m.queue.meanPending).toBeGreaterThan(3);
  });

  it("holds for the pending queue with the exact time average (within 1%)", () => {
    const lw = lambda * m.placementDelay.mean;
    expect(Math.abs(m.queue.meanPending - lw) / lw).toBeLessThan(0.01);
  });

  it("holds for the pending queue from the sampled series (within 3%)", () => {
    const series = run.series.pending;
    const sampled = series.reduce((a, b) => a + b, 0) / series.length;
    const lw = lambda * m.placementDelay.mean;
    expect(Math.abs(sampled - lw) / lw).toBeLessThan(0.03);
  });

  it("holds for running tasks: L = lambda x mean duration (within 2%)", () => {
    const lw = lambda * 60;
    expect(Math.abs(m.queue.meanRunning - lw) / lw).toBeLessThan(0.02);
    const sampled = run.series.running.reduce((a, b) => a + b, 0) / run.series.running.length;
    expect(Math.abs(sampled - lw) / lw).toBeLessThan(0.03);
  });
});
