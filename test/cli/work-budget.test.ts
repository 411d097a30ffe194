/** Scenarios whose work is out of proportion end with one clear line before running (issue 13). */
import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { checkRunBudget, RunBudgetExceeded } from "../../src/sim/run-budget.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { estimateWork, workProblem } from "../../src/sim/work-estimate.ts";
import { berth, STACK_FRAME, TINY, tempScenario } from "../helpers/cli.ts";

const ARRIVAL = "arrival: { type: poisson, ratePerHour: 120 }";

describe("berth run refuses work out of proportion, before running", () => {
  it.each([
    ["--seeds 1e9", TINY, ["--seeds", "1000000000"], /runs \(strategies x seeds\): about 2\.0e\+9/],
    ["count 1e7", TINY.replace("count: 3", "count: 10000000"), [], /instances: about 1\.0e\+7/],
    [
      "horizon 1e30",
      TINY.replace("horizon: 30m", "horizon: 1e30"),
      [],
      /task arrivals per run: about 3\.3e\+28/,
    ],
    [
      "ratePerHour 1e9",
      TINY.replace("ratePerHour: 120", "ratePerHour: 1e9"),
      [],
      /task arrivals per run: about 5\.0e\+8/,
    ],
    [
      "burst 1e8",
      TINY.replace(ARRIVAL, "arrival: { type: burst, at: 0, count: 100000000 }"),
      [],
      /task arrivals per run: about 1\.0e\+8/,
    ],
    [
      "sampleEvery 1ms over a day",
      TINY.replace("horizon: 30m", "horizon: 1d\nsampleEvery: 1ms"),
      [],
      /metric samples per run: about 8\.6e\+7/,
    ],
  ])("%s", (_, text, extra, message) => {
    const { dir, file } = tempScenario(text);
    const started = Date.now();
    const r = berth(["run", file, "--out", `${dir}/o`, ...extra], { maxOldSpaceMb: 256, timeoutMs: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain("pass --allow-large to run it anyway");
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stdout).toBe("");
    expect(Date.now() - started).toBeLessThan(25_000);
  });
});

describe("estimateWork", () => {
  it("counts expected arrivals, samples, instances and runs", () => {
    const { scenario } = loadScenarioText("t.yaml", TINY);
    const e = estimateWork(scenario, 2, 3);
    expect(e.arrivalsPerRun).toBeCloseTo(60, 6); // 120/h over 30 minutes
    expect(e.samplesPerRun).toBe(241);
    expect(e.instances).toBe(3);
    expect(e.runs).toBe(6);
    expect(workProblem(e)).toBeUndefined();
  });

  it("counts interval, burst, schedule and piecewise sources", () => {
    const text = TINY.replace(
      `  - { taskDefinition: web, ${ARRIVAL}, duration: { type: exponential, mean: 2m } }`,
      [
        "  - { taskDefinition: web, arrival: { type: interval, every: 1m }, duration: { type: constant, value: 1m } }",
        "  - { taskDefinition: web, arrival: { type: burst, at: 10m, count: 7 }, duration: { type: constant, value: 1m } }",
        "  - { taskDefinition: web, arrival: { type: schedule, at: [1m, 2m, 2h], count: 2 }, duration: { type: constant, value: 1m } }",
        "  - { taskDefinition: web, arrival: { type: piecewise, rates: [{ from: 0, ratePerHour: 60 }, { from: 10m, ratePerHour: 0 }] }, duration: { type: constant, value: 1m } }",
      ].join("\n"),
    );
    const { scenario } = loadScenarioText("t.yaml", text);
    expect(estimateWork(scenario, 1, 1).arrivalsPerRun).toBeCloseTo(31 + 7 + 4 + 10, 6);
  });
});

describe("the run-time budget", () => {
  it("stops a run over its event budget with a message instead of running on (checked every 8,192 events)", () => {
    const { scenario } = loadScenarioText("t.yaml", TINY.replace("ratePerHour: 120", "ratePerHour: 1e6"));
    const strategy = scenario.strategies[0]!;
    expect(() =>
      simulate(scenario, strategy, 1, { budget: { maxEvents: 100_000, heapFraction: 0.99 } }),
    ).toThrow(/^stopped after 106496 events at simulated time [\d.]+s: over the event budget of 100000/);
  });

  it("stops when the heap is over its share", () => {
    expect(() => checkRunBudget({ maxEvents: Infinity, heapFraction: 1e-6 }, 1, 5)).toThrow(
      RunBudgetExceeded,
    );
    expect(() => checkRunBudget({ maxEvents: Infinity, heapFraction: 1e-6 }, 1, 5)).toThrow(
      /the JS heap holds \d+ MiB of its \d+ MiB limit/,
    );
    expect(() => checkRunBudget({ maxEvents: Infinity, heapFraction: 0.99 }, 1, 5)).not.toThrow();
  });
});
