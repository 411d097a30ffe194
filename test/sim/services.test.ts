import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { UNCHECKED_HEALTHY_WAIT } from "../../src/sim/services.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { dynamicsOf, runText, STRATEGIES } from "./run-scenario.ts";

const TASKS = `taskDefinitions:
  - family: v1
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
  - family: v2
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
  - family: agent
    containerDefinitions: [{ name: agent, cpu: 128, memory: 512 }]
  - family: huge
    containerDefinitions: [{ name: app, cpu: 256, memory: 7600 }]
`;

const deployment = (desired: number, min: number, max: number) => `name: t
horizon: 300s
cluster:
  instances:
    - { type: m5.4xlarge, count: 2 }
${TASKS}services:
  - name: web
    taskDefinition: v1
    desiredCount: ${desired}
    deploymentConfiguration: { minimumHealthyPercent: ${min}, maximumPercent: ${max} }
    deployments: [{ at: 100, taskDefinition: v2 }]
${STRATEGIES}`;

/** (state, family) of the web service's task events at time t, in order. */
const at = (r: ReturnType<typeof runText>, t: number) =>
  r.log.entries.filter((e) => e.time === t && e.state !== "PENDING").map((e) => `${e.state} ${e.family}`);

describe("rolling deployments", () => {
  it("100/200 starts every new task first, then stops the old ones once the new count (40 s)", () => {
    const r = runText(deployment(2, 100, 200));
    expect(at(r, 100)).toEqual(["RUNNING v2", "RUNNING v2"]);
    expect(at(r, 140)).toEqual(["STOPPED v1", "STOPPED v1"]);
    expect(r.run.dynamics!.deployments).toEqual([
      { service: "web", startedAt: 100, completedAt: 140, stalledAt: null },
    ]);
    expect(dynamicsOf(r).services.web).toEqual({
      availability: 1,
      secondsBelowDesired: 0,
      replacements: 2,
      deploymentStalled: 0,
      zoneImbalance: 0,
      rebalanceMoves: 0,
      taskSecondsBelowDesired: 0,
      daemonUnplaced: 0,
    });
  });

  it("50/100 stops half (rounded up minimum: ceil(4 x 0.5) = 2), replaces them, then the rest", () => {
    const r = runText(deployment(4, 50, 100));
    expect(at(r, 100)).toEqual(["STOPPED v1", "STOPPED v1", "RUNNING v2", "RUNNING v2"]);
    // The new tasks count toward minimumHealthyPercent 40 s after RUNNING: then the rest is replaced.
    expect(at(r, 140)).toEqual(["STOPPED v1", "STOPPED v1", "RUNNING v2", "RUNNING v2"]);
    expect(r.run.dynamics!.deployments[0]!.completedAt).toBe(140);
  });

  it("ECS rounding: 3 tasks at 50/150 keep ceil(1.5) = 2 running and run at most floor(4.5) = 4", () => {
    const r = runText(deployment(3, 50, 150));
    // At least 2 healthy, at most 4 tasks: stop one old, start two new; 40 s later they count: stop the
    // other two, start the last.
    expect(at(r, 100)).toEqual(["STOPPED v1", "RUNNING v2", "RUNNING v2"]);
    expect(at(r, 140)).toEqual(["STOPPED v1", "STOPPED v1", "RUNNING v2"]);
  });

  it("100/100 cannot make progress and is reported as stalled", () => {
    const r = runText(deployment(2, 100, 100));
    expect(at(r, 100)).toEqual([]);
    expect(r.run.dynamics!.deployments).toEqual([
      { service: "web", startedAt: 100, completedAt: null, stalledAt: 100 },
    ]);
    expect(dynamicsOf(r).services.web!.deploymentStalled).toBe(1);
    expect(r.log.entries.filter((e) => e.family === "v2")).toEqual([]);
  });
});

describe("desiredCount changes", () => {
  it("scale-out launches, scale-in stops the most recently launched tasks", () => {
    const r = runText(`name: t
horizon: 300s
cluster:
  instances:
    - { type: m5.4xlarge, count: 1 }
${TASKS}services:
  - name: web
    taskDefinition: v1
    desiredCount: 2
    desiredCountChanges: [{ at: 200, desiredCount: 1 }, { at: 100, desiredCount: 4 }]
${STRATEGIES}`);
    const running = r.log.entries.filter((e) => e.state === "RUNNING").map((e) => [e.time, e.task]);
    expect(running).toEqual([
      [0, "t-000001"],
      [0, "t-000002"],
      [100, "t-000003"],
      [100, "t-000004"],
    ]);
    const stopped = r.log.entries.filter((e) => e.state === "STOPPED").map((e) => [e.time, e.task, e.reason]);
    expect(stopped).toEqual([
      [200, "t-000004", "Scaling activity initiated by deployment"],
      [200, "t-000003", "Scaling activity initiated by deployment"],
      [200, "t-000002", "Scaling activity initiated by deployment"],
    ]);
    expect(dynamicsOf(r).services.web!.replacements).toBe(0);
  });
});

describe("DAEMON services", () => {
  const daemon = (rest: string) => `name: t
horizon: 400s
cluster:
  instances:
    - { name: g, type: m5.large, count: 2, zones: [a, b], launchDelay: 10s, schedule: [{ at: 100, desiredCapacity: 3 }] }
${TASKS}services:
  - { name: agent, taskDefinition: agent, schedulingStrategy: DAEMON }
${rest}
${STRATEGIES}`;

  it("runs one task per instance and is placed first on a new instance", () => {
    // The huge task (7600 MiB) is pending when i-006c45d188009454f turns ACTIVE at 110. Placed first, the daemon
    // (512 MiB) leaves 7473 MiB, so the huge task stays pending: the daemon had priority.
    const r = runText(
      daemon(`workload:
  - { taskDefinition: huge, arrival: { type: burst, at: 0, count: 3 }, duration: { type: constant, value: 1000 } }`),
    );
    const agents = r.log.entries.filter((e) => e.family === "agent" && e.state === "RUNNING");
    expect(agents.map((e) => [e.time, e.instance])).toEqual([
      [0, "i-0e220a8397b1dcdaf"],
      [0, "i-06e789e6aa1b965f4"],
      [110, "i-006c45d188009454f"],
    ]);
    expect(r.log.entries.filter((e) => e.family === "huge" && e.state === "RUNNING")).toEqual([]);
    expect(r.run.metrics.tasks.pendingAtEnd).toBe(3);
    expect(dynamicsOf(r).services.agent!.availability).toBe(1);
  });

  it("stays on a DRAINING instance while replica tasks move away", () => {
    const r = runText(
      daemon(`  - { name: web, taskDefinition: v1, desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100 } }
failures:
  drains: [{ zone: a, at: 200 }]`),
      1,
    );
    const stops = r.log.entries
      .filter((e) => e.state === "STOPPED")
      .map((e) => [e.time, e.family, e.instance]);
    expect(stops).toEqual([[200, "v1", "i-0e220a8397b1dcdaf"]]);
    expect(dynamicsOf(r).stopReasons).toEqual({ "Container instance is DRAINING: task replaced": 1 });
  });
});

describe("scenarios/rolling-deployment.yaml", () => {
  it("completes the 100/200 and 50/100 deployments after their startup times and reports the 100/100 one as stalled", () => {
    const { scenario: sc } = loadScenarioFile("scenarios/rolling-deployment.yaml");
    for (const s of sc.strategies) {
      const log = new MemoryLog();
      const run = simulate(sc, s, sc.seed, { log });
      const byService = Object.fromEntries(run.dynamics!.deployments.map((d) => [d.service, d]));
      const times = (family: string, state: string) =>
        log.entries.filter((e) => e.family === family && e.state === state).map((e) => e.time);
      // 100/200: all 6 new tasks are placed at 1h; the deployment ends when the last of them counts toward
      // minimumHealthyPercent (40 s after RUNNING: the last old task stops then).
      const checkoutStarts = times("checkout-v2", "PROVISIONING").slice(0, 6);
      expect(checkoutStarts).toEqual([3600, 3600, 3600, 3600, 3600, 3600]);
      const checkoutRunning = times("checkout-v2", "RUNNING").slice(0, 6);
      expect(byService.checkout!.completedAt).toBe(Math.max(...checkoutRunning) + UNCHECKED_HEALTHY_WAIT);
      expect(byService.checkout!.completedAt).toBeGreaterThan(3600);
      // 50/100: two rounds of 2 tasks, each one startup time; each task of the first round that counts toward
      // minimumHealthyPercent (40 s after RUNNING) lets one old task stop and one new start.
      const searchStarts = times("search-v2", "PROVISIONING");
      expect(searchStarts.slice(0, 2)).toEqual([3600, 3600]);
      const firstRound = times("search-v2", "RUNNING").slice(0, 2);
      expect(searchStarts.slice(2, 4)).toEqual(firstRound.map((t) => t + UNCHECKED_HEALTHY_WAIT));
      expect(byService.search!.completedAt).toBe(Math.max(...times("search-v2", "RUNNING").slice(0, 4)));
      expect(byService.search!.completedAt).toBeGreaterThan(searchStarts[2]!);
      expect(byService.ledger).toEqual({
        service: "ledger",
        startedAt: 3600,
        completedAt: null,
        stalledAt: 3600,
      });
      const services = run.metrics.dynamics!.services;
      expect(services.ledger!.deploymentStalled).toBe(1);
      // The daemon is below one task per ACTIVE instance while it starts: at 0 and on the instance
      // that turns ACTIVE at 3h 2m.
      expect(services["log-agent"]!.availability).toBeLessThan(1);
      expect(services["log-agent"]!.availability).toBeGreaterThan(0.99);
      expect(Math.max(...run.dynamics!.servicesRunning.checkout!)).toBe(10);
    }
  });
});
