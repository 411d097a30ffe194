import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { restartBackoff } from "../../src/sim/services.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { dynamicsOf, runText, STRATEGIES, timesOf } from "./run-scenario.ts";

const base = (services: string, failures: string, horizon = "350s") => `name: t
horizon: ${horizon}
cluster:
  instances:
    - { type: m5.large, count: 1 }
taskDefinitions:
  - family: api
    containerDefinitions:
      - { name: app, cpu: 256, memory: 512 }
      - { name: logs, cpu: 64, memory: 64, essential: false }
services:
${services}
failures:
  containers:
${failures}
${STRATEGIES}`;

describe("container failures and service replacement", () => {
  it("an essential container crash stops the task and the service replaces it at once", () => {
    const r = runText(
      base(
        "  - { name: api, taskDefinition: api, desiredCount: 1 }",
        "    - { taskDefinition: api, container: app, timeToFailure: { type: constant, value: 100 } }",
      ),
    );
    const d = dynamicsOf(r);
    // Crashes at 100, 200, 300; each replacement starts at the crash instant.
    expect(d.containerFailures).toBe(3);
    expect(d.stopReasons).toEqual({ "Essential container in task exited (container failure)": 3 });
    expect(timesOf(r.log, (e) => e.state === "RUNNING")).toEqual([0, 100, 200, 300]);
    expect(d.services.api).toEqual({
      availability: 1,
      secondsBelowDesired: 0,
      replacements: 3,
      deploymentStalled: 0,
      zoneImbalance: 0,
      rebalanceMoves: 0,
      taskSecondsBelowDesired: 0,
      daemonUnplaced: 0,
    });
  });

  it("a non-essential container crash leaves the task running", () => {
    const r = runText(
      base(
        "  - { name: api, taskDefinition: api, desiredCount: 2 }",
        "    - { taskDefinition: api, container: logs, timeToFailure: { type: constant, value: 50 } }",
      ),
    );
    const d = dynamicsOf(r);
    expect(d.nonEssentialContainerFailures).toBe(2);
    expect(d.containerFailures).toBe(0);
    expect(d.services.api!.replacements).toBe(0);
    expect(r.log.entries.filter((e) => e.state === "STOPPED")).toEqual([]);
  });

  it("launches that never reach RUNNING back off exponentially, capped at 15 minutes", () => {
    const r = runText(
      base(
        "  - { name: api, taskDefinition: api, desiredCount: 1 }",
        "    - { taskDefinition: api, container: app, startFailureProbability: 1, startFailureAfter: 20s }",
        "1h",
      ),
    );
    // Launch at t, fail at t + 20, next launch after 10, 20, 40, ... 640, then 900 s (capped).
    expect(timesOf(r.log, (e) => e.state === "PROVISIONING")).toEqual([
      0, 30, 70, 130, 230, 410, 750, 1410, 2330, 3250,
    ]);
    const d = dynamicsOf(r);
    expect(d.startFailures).toBe(10); // the last launch, at 3250, fails at 3270
    expect(d.services.api!.availability).toBe(0);
  });

  it("restartBackoff doubles from 10 s and caps at 900 s", () => {
    expect([0, 1, 2, 3, 7, 8, 20].map(restartBackoff)).toEqual([0, 10, 20, 40, 640, 900, 900]);
  });
});

describe("scenarios/crash-loop.yaml", () => {
  it("shows crashes, start failures and identical fault draws for every strategy", () => {
    const { scenario } = loadScenarioFile("scenarios/crash-loop.yaml");
    const runs = scenario.strategies.map((s) => simulate(scenario, s, scenario.seed));
    const d = runs.map((r) => r.metrics.dynamics!);
    for (const x of d) {
      expect(x.containerFailures).toBeGreaterThan(0);
      expect(x.nonEssentialContainerFailures).toBeGreaterThan(0);
      expect(x.services.broken!.availability).toBe(0);
      // api is below desired while its first tasks start and while each crashed task's replacement
      // starts: one startup time per crash (lognormal median 20 s, p95 60 s: sigma = ln 3 / 1.645, mean
      // 20 x e^(sigma^2 / 2) = 25 s). With about one crash an hour on 6 tasks over 6 h (~36 crashes) that
      // is ~15 min of 6 h: availability ~0.95, where replacement in zero time gave 1.
      const api = x.services.api!;
      const perCrash = api.secondsBelowDesired / (x.containerFailures + 1);
      expect(perCrash).toBeGreaterThan(15);
      expect(perCrash).toBeLessThan(40);
      expect(api.availability).toBeCloseTo(1 - api.secondsBelowDesired / 21600, 12);
      expect(api.availability).toBeLessThan(0.97);
    }
    // The service's n-th launch gets the same fate and startup time under both strategies (keyed draws);
    // the cluster has room for every replacement, so api's time below desired is the same too.
    expect(d[0]!.startFailures).toBe(d[1]!.startFailures);
    expect(d[0]!.containerFailures).toBe(d[1]!.containerFailures);
    expect(d[0]!.services.api!.secondsBelowDesired).toBe(d[1]!.services.api!.secondsBelowDesired);
  });
});

describe("per-task fault draws", () => {
  it("tasks of one burst get their own crash times, identical under every strategy", () => {
    const text = `name: t
horizon: 10h
cluster:
  instances:
    - { type: m5.4xlarge, count: 4 }
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
workload:
  - { taskDefinition: job, arrival: { type: burst, at: 0, count: 20 }, duration: { type: constant, value: 20h } }
failures:
  containers: [{ taskDefinition: job, container: app, timeToFailure: { type: uniform, min: 1h, max: 9h } }]
${STRATEGIES}`;
    const crashes = (strategy: number) =>
      runText(text, strategy)
        .log.entries.filter((e) => e.state === "STOPPED")
        .map((e) => [e.task, e.time]);
    const first = crashes(0);
    expect(first.length).toBe(20);
    expect(new Set(first.map(([, t]) => t)).size).toBe(20);
    expect(crashes(1)).toEqual(first);
  });
});
