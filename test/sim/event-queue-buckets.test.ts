import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { simulate } from "../../src/sim/simulate.ts";

// Shipped scenarios with services, faults, startup times, scaling, deployments and queueing: every event
// kind and same-instant ties. Spilling at 1 pending event puts every event through the queue's far time
// buckets (rebuilds, refills, retuning); the run must be the plain heap's, event for event.
const SCENARIOS = ["crash-loop", "spot-interruptions", "rolling-deployment", "autoscaling", "overloaded"];

describe("event queue buckets in whole runs", () => {
  it.each(SCENARIOS)("%s: the same run with every event through the buckets", (name) => {
    const { scenario } = loadScenarioFile(`scenarios/${name}.yaml`);
    for (const strategy of scenario.strategies.slice(0, 2)) {
      const run = (spill: number | undefined) => {
        const r = simulate(scenario, strategy, scenario.seed, { eventQueueSpillAt: spill });
        return JSON.stringify({ m: r.metrics, s: r.series, d: r.dynamics ?? null, e: r.timing.events });
      };
      const plain = run(undefined);
      expect(run(1), `${name} / ${strategy.name}`).toBe(plain);
    }
  });
});

describe("task ends linked through task records in a whole run", () => {
  it("scale-1m's first 40 minutes equal the plain heap's run (far buckets, task ends in records)", () => {
    // About 100,000 task ends pending: far past the spill threshold, so the default queue links task
    // ends through the task table's records; a threshold no run reaches keeps every event in the heap.
    const { scenario } = loadScenarioFile("scenarios/scale-1m.yaml");
    const short = { ...scenario, horizon: 2400, warmup: 600 };
    for (const strategy of scenario.strategies.slice(0, 2)) {
      const run = (spill: number | undefined) => {
        const r = simulate(short, strategy, scenario.seed, { eventQueueSpillAt: spill });
        return JSON.stringify({ m: r.metrics, s: r.series, e: r.timing.events, slots: r.timing.taskSlots });
      };
      expect(run(undefined), strategy.name).toBe(run(Number.POSITIVE_INFINITY));
    }
  });
});
