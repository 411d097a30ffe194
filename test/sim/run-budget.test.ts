/**
 * The run budget stops a run before memory runs out (issue 13): checked every 8,192 events and every 8,192
 * new tasks, so one event that submits millions of tasks cannot outgrow it; both the JS heap and the
 * memory outside it (typed arrays) are counted.
 */
import { describe, expect, it } from "vitest";
import { CHECK_MASK, checkMemory, RunBudgetExceeded } from "../../src/sim/run-budget.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { scenarioFrom } from "../helpers/scenario.ts";

const BURST = `
name: burst
horizon: 10m
cluster:
  instances: [{ type: m5.large, count: 2 }]
taskDefinitions:
  - { family: web, containerDefinitions: [{ name: a, cpu: 256, memory: 256 }] }
workload:
  - { taskDefinition: web, arrival: { type: burst, at: 1m, count: 200000 }, duration: { type: constant, value: 5m } }
strategies:
  - { name: first-fit, placementStrategy: [{ type: first-fit }] }
`;

describe("run budget", () => {
  it("stops inside a burst, after the first 8,192 tasks of it, not after the event", () => {
    const scenario = scenarioFrom(BURST);
    let pending = 0;
    const log = {
      write: (_s: string, _seed: number, e: { state?: string }) => {
        if (e.state === "PENDING") pending++;
      },
    };
    const tiny = { maxEvents: Number.POSITIVE_INFINITY, heapFraction: 1e-9 };
    expect(() => simulate(scenario, scenario.strategies[0]!, 1, { budget: tiny, log })).toThrow(
      /^stopped at simulated time 60\.000s: the JS heap holds \d+ MiB of its \d+ MiB limit/,
    );
    // The check at the 8,192nd task stops the run before that task is logged.
    expect(pending).toBe(CHECK_MASK);
  });

  it("the same run within budget finishes", () => {
    const scenario = scenarioFrom(BURST);
    const run = simulate(scenario, scenario.strategies[0]!, 1);
    expect(run.metrics.tasks.submitted).toBe(200_000);
  });

  it("counts the memory outside the heap (task tables) against the machine's memory", () => {
    const budget = { maxEvents: Number.POSITIVE_INFINITY, heapFraction: 0.85 };
    const gib = 2 ** 30;
    const stats = (heap: number, external: number) => ({
      used_heap_size: heap,
      heap_size_limit: 4 * gib,
      external_memory: external,
    });
    expect(() => checkMemory(budget, 5, stats(1 * gib, 2 * gib), 16 * gib)).not.toThrow();
    expect(() => checkMemory(budget, 5, stats(1 * gib, 13 * gib), 16 * gib)).toThrow(
      new RunBudgetExceeded(
        "stopped at simulated time 5.000s: the run holds 14336 MiB (heap and task tables) of the machine's 16384 MiB (fewer tasks, instances or seeds)",
      ),
    );
    expect(() => checkMemory(budget, 5, stats(3.5 * gib, 0), 64 * gib)).toThrow(/the JS heap holds 3584 MiB/);
  });
});
