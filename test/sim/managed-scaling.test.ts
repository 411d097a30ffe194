import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { dynamicsOf, runText, STRATEGIES } from "./run-scenario.ts";

/** Each `big` task fills an m5.large, so M = instances with a task + one instance per pending task. */
const scenario = (group: string, scaling: string, workload: string, horizon = "1200s") => `name: t
horizon: ${horizon}
sampleEvery: 60s
cluster:
  instances:
    - { name: asg, type: m5.large, launchDelay: 30s, ${group} }
capacityProviders:
  - { name: cp, autoScalingGroup: asg, managedScaling: { ${scaling} }, managedTerminationProtection: ENABLED }
defaultCapacityProviderStrategy: [{ capacityProvider: cp, weight: 1 }]
taskDefinitions:
  - family: big
    containerDefinitions: [{ name: app, cpu: 256, memory: 7000 }]
workload:
${workload}
${STRATEGIES}`;

const gone = (r: ReturnType<typeof runText>) =>
  r.log.entries.filter((e) => e.state === "GONE").map((e) => [e.time, e.instance]);

describe("managed scaling", () => {
  it("scale-in waits for 15 consecutive one-minute datapoints below target", () => {
    const r = runText(
      scenario(
        "count: 3, minSize: 0, maxSize: 5",
        "targetCapacity: 100",
        "  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1h } }",
      ),
    );
    // M = 1 busy instance of N = 3: 33% from the first datapoint (60 s); the 15th datapoint is at 900 s.
    // (A sample at t shows the state after the events at t.)
    expect(r.run.dynamics!.reservation.cp!.slice(0, 3)).toEqual([100, 100 / 3, 100 / 3]);
    // The task went to i-06e789e6aa1b965f4 (all three instances tie; the seed's tie-break draw picks the second).
    expect(gone(r)).toEqual([
      [900, "i-006c45d188009454f"],
      [900, "i-0e220a8397b1dcdaf"],
    ]);
    expect(r.run.dynamics!.scaleEvents).toEqual([
      { time: 900, group: "asg", provider: "cp", direction: "in", from: 3, to: 1, cause: "managed" },
    ]);
    expect(dynamicsOf(r).tasksLost).toBe(0);
  });

  it("scale-out follows M/N, is bounded by the step sizes and waits for the instance warm-up", () => {
    const r = runText(
      scenario(
        "count: 1, minSize: 0, maxSize: 10",
        "targetCapacity: 100, maximumScalingStepSize: 2, instanceWarmupPeriod: 300",
        `  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1h } }
  - { taskDefinition: big, arrival: { type: burst, at: 1, count: 3 }, duration: { type: constant, value: 1h } }`,
      ),
    );
    // t=60: N=1, M=1+3 -> 400% -> wants +3, capped at 2. Blocked by warm-up until 360: N=3, one task
    // still pending -> M=4 -> 133% -> +1.
    expect(r.run.dynamics!.scaleEvents.map((e) => [e.time, e.from, e.to])).toEqual([
      [60, 1, 3],
      [360, 3, 4],
    ]);
    const starts = r.log.entries.filter((e) => e.state === "RUNNING").map((e) => e.time);
    expect(starts).toEqual([0, 90, 90, 390]);
  });

  it("from zero instances, a pending task scales the group to two", () => {
    const r = runText(
      scenario(
        "count: 0, minSize: 0, maxSize: 10",
        "targetCapacity: 100",
        "  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1h } }",
      ),
    );
    expect(r.run.dynamics!.reservation.cp!.slice(0, 3)).toEqual([100, 200, 50]);
    // Then one of the two stays empty: 50% for 15 datapoints (120..960 s) -> back to one.
    expect(r.run.dynamics!.scaleEvents.map((e) => [e.time, e.from, e.to])).toEqual([
      [60, 0, 2],
      [960, 2, 1],
    ]);
    expect(r.log.entries.find((e) => e.state === "RUNNING")!.time).toBe(90);
  });

  it("under pending: fail, a task bound to a managed provider still waits for capacity", () => {
    const text = scenario(
      "count: 0, minSize: 0, maxSize: 10",
      "targetCapacity: 100",
      "  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1h } }",
    ).replace("horizon:", "pending: fail\nhorizon:");
    const r = runText(text);
    expect(r.run.metrics.tasks.failedPlacement).toBe(0);
    expect(r.log.entries.find((e) => e.state === "RUNNING")!.time).toBe(90);
  });

  it("a target below 100 keeps spare instances", () => {
    const r = runText(
      scenario(
        "count: 1, minSize: 0, maxSize: 10",
        "targetCapacity: 50",
        "  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1h } }",
      ),
    );
    // N=1, M=1: 100% > 50% -> desired ceil(1 x 100 / 50) = 2; then 50% = target: steady.
    expect(r.run.dynamics!.scaleEvents.map((e) => [e.time, e.from, e.to])).toEqual([[60, 1, 2]]);
  });
});

describe("managed termination protection and daemons", () => {
  it("an instance running only daemon tasks counts as empty and is scaled in", () => {
    const r = runText(`name: t
horizon: 1200s
cluster:
  instances:
    - { name: asg, type: m5.large, count: 2, minSize: 0, maxSize: 4 }
capacityProviders:
  - { name: cp, autoScalingGroup: asg, managedScaling: { targetCapacity: 100 }, managedTerminationProtection: ENABLED }
taskDefinitions:
  - family: agent
    containerDefinitions: [{ name: a, cpu: 64, memory: 128 }]
  - family: job
    containerDefinitions: [{ name: j, cpu: 256, memory: 7000 }]
services:
  - { name: agent, taskDefinition: agent, schedulingStrategy: DAEMON }
workload:
  - { taskDefinition: job, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1h } }
${STRATEGIES}`);
    const jobOn = r.log.entries.find((e) => e.family === "job" && e.state === "RUNNING")!.instance;
    const lost = gone(r);
    expect(lost.length).toBe(1);
    expect(lost[0]![0]).toBe(900);
    expect(lost[0]![1]).not.toBe(jobOn);
    expect(dynamicsOf(r).tasksLost).toBe(0); // a daemon task ending with its instance is not lost
  });
});

describe("capacity provider strategy", () => {
  it("splits tasks by base and weight and places each on its provider's instances", () => {
    const r = runText(`name: t
horizon: 100s
cluster:
  instances:
    - { name: od, type: m5.xlarge, count: 2 }
    - { name: sp, type: c5.xlarge, count: 2, spot: true }
capacityProviders:
  - { name: on-demand, autoScalingGroup: od }
  - { name: spot, autoScalingGroup: sp }
taskDefinitions:
  - family: small
    containerDefinitions: [{ name: app, cpu: 128, memory: 256 }]
workload:
  - taskDefinition: small
    arrival: { type: burst, at: 0, count: 8 }
    duration: { type: constant, value: 50 }
    capacityProviderStrategy: [{ capacityProvider: on-demand, base: 2, weight: 1 }, { capacityProvider: spot, weight: 1 }]
${STRATEGIES}`);
    const where = r.log.entries.filter((e) => e.state === "RUNNING").map((e) => e.instance);
    const od = where.filter((i) => i === "i-0e220a8397b1dcdaf" || i === "i-06e789e6aa1b965f4").length;
    expect(od).toBe(5); // base 2, then 6 split 1:1
    expect(where.length).toBe(8);
  });
});

describe("scenarios/autoscaling.yaml", () => {
  it("follows the daily wave with both providers and scales back in", () => {
    const { scenario: sc } = loadScenarioFile("scenarios/autoscaling.yaml");
    const run = simulate(sc, sc.strategies[0]!, sc.seed);
    const dy = run.dynamics!;
    expect(dy.groupProvider).toEqual({ "od-asg": "on-demand", "spot-asg": "spot" });
    expect(dy.reservationTarget).toEqual({ "on-demand": 90, spot: 90 });
    const od = dy.instancesByGroup["od-asg"]!;
    const spot = dy.instancesByGroup["spot-asg"]!;
    const at = (h: number) => dy.t.findIndex((t) => t >= h * 3600);
    // Peak at 14h: both groups far above their overnight size.
    expect(spot[at(14)]!).toBeGreaterThan(spot[at(2)]! + 4);
    expect(od[at(14)]!).toBeGreaterThan(od[at(2)]!);
    expect(dy.scaleEvents.some((e) => e.direction === "in" && e.provider === "spot")).toBe(true);
    expect(dy.scaleEvents.some((e) => e.direction === "out" && e.provider === "on-demand")).toBe(true);
    expect(run.metrics.tasks.pendingAtEnd).toBe(0);
  });
});
