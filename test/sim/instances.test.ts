import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { dynamicsOf, runText, STRATEGIES } from "./run-scenario.ts";

const TASKS = `taskDefinitions:
  - family: svc
    containerDefinitions: [{ name: app, cpu: 512, memory: 1024 }]
  - family: job
    containerDefinitions: [{ name: job, cpu: 256, memory: 256 }]
`;

const scenario = (groups: string, rest: string, horizon = "600s") => `name: t
horizon: ${horizon}
cluster:
  instances:
${groups}
${TASKS}${rest}
${STRATEGIES}`;

describe("draining", () => {
  it("a DRAINING instance receives nothing new; its standalone tasks run on", () => {
    const r = runText(
      scenario(
        "    - { type: m5.large, count: 2, zones: [a, b] }",
        `workload:
  - { taskDefinition: job, arrival: { type: interval, every: 10s }, duration: { type: constant, value: 150 } }
failures:
  drains: [{ zone: a, at: 100 }]`,
      ),
    );
    const running = r.log.entries.filter((e) => e.state === "RUNNING");
    const onA = running.filter((e) => e.instance === "i-0e220a8397b1dcdaf").map((e) => e.time);
    expect(onA.length).toBeGreaterThan(0);
    expect(Math.max(...onA)).toBeLessThan(100);
    expect(running.filter((e) => e.time >= 100).every((e) => e.instance === "i-06e789e6aa1b965f4")).toBe(
      true,
    );
    // The tasks on the drained instance complete normally at start + 150.
    const stoppedOnA = r.log.entries.filter(
      (e) => e.state === "STOPPED" && e.instance === "i-0e220a8397b1dcdaf",
    );
    expect(stoppedOnA.map((e) => e.reason)).toEqual(onA.map(() => "Essential container in task exited"));
    expect(stoppedOnA.map((e) => e.time)).toEqual(onA.map((t) => t + 150).sort((x, y) => x - y));
  });

  it("a service replaces its task on a DRAINING instance first, then stops the old one (100/200)", () => {
    const r = runText(
      scenario(
        "    - { type: m5.large, count: 2, zones: [a, b] }",
        `services:
  - { name: web, taskDefinition: svc, desiredCount: 2 }
failures:
  drains: [{ zone: a, at: 100 }]`,
      ),
      1, // spread by instance: one task on each of the first two instances
    );
    const web = r.log.entries.filter((e) => e.family === "svc" && e.time >= 100);
    // The replacement (no health checks) counts toward minimumHealthyPercent 40 s after RUNNING.
    expect(web.map((e) => [e.time, e.state, e.instance])).toEqual([
      [100, "PENDING", undefined],
      [100, "RUNNING", "i-06e789e6aa1b965f4"],
      [140, "STOPPED", "i-0e220a8397b1dcdaf"],
    ]);
    const d = dynamicsOf(r);
    expect(d.stopReasons).toEqual({ "Container instance is DRAINING: task replaced": 1 });
    expect(d.services.web!.availability).toBe(1);
  });
});

describe("spot interruptions", () => {
  it("warns 2 minutes ahead: service tasks move, standalone tasks are lost with the instance, the group replaces it", () => {
    const r = runText(
      scenario(
        "    - { name: spot, type: m5.large, count: 2, zones: [a, b], spot: true, launchDelay: 30s }",
        `services:
  - { name: web, taskDefinition: svc, desiredCount: 2 }
workload:
  - { taskDefinition: job, arrival: { type: burst, at: 0, count: 2 }, duration: { type: constant, value: 1h } }
failures:
  spotInterruptions: [{ zone: a, at: 100 }]`,
      ),
      1,
    );
    const a = r.log.entries.filter((e) => e.instance === "i-0e220a8397b1dcdaf" && e.task === undefined);
    expect(a.map((e) => [e.time, e.state])).toEqual([
      [0, "ACTIVE"],
      [100, "DRAINING"],
      [220, "GONE"],
    ]);
    const replacement = r.log.entries.filter(
      (e) => e.instance === "i-006c45d188009454f" && e.task === undefined,
    );
    expect(replacement.map((e) => [e.time, e.state])).toEqual([
      [220, "LAUNCHING"],
      [250, "ACTIVE"],
    ]);
    const d = dynamicsOf(r);
    expect(d.spotInterruptions).toBe(1);
    expect(d.tasksLost).toBe(1); // the standalone job on i-0e220a8397b1dcdaf
    expect(d.stopReasons).toEqual({
      "Container instance is DRAINING: task replaced": 1,
      "Spot instance interrupted": 1,
    });
    expect(d.services.web!.availability).toBe(1);
  });
});

describe("zone outages and instance failures", () => {
  it("a zone outage loses its instances and tasks; replacements launch in healthy zones", () => {
    const r = runText(
      scenario(
        "    - { type: m5.large, count: 2, zones: [a, b], launchDelay: 60s }",
        `services:
  - { name: web, taskDefinition: svc, desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 } }
failures:
  zoneOutages: [{ zone: a, at: 100, for: 200 }]`,
      ),
      1,
    );
    const d = dynamicsOf(r);
    expect(d.instancesLost).toBe(1);
    expect(d.tasksLost).toBe(2);
    const instances = r.log.entries.filter((e) => e.task === undefined && e.time > 0);
    expect(instances.map((e) => [e.time, e.instance, e.zone, e.state])).toEqual([
      [100, "i-0e220a8397b1dcdaf", "a", "GONE"],
      [100, "i-006c45d188009454f", "b", "LAUNCHING"],
      [160, "i-006c45d188009454f", "b", "ACTIVE"],
    ]);
    // The two lost tasks fit next to the survivors on i-06e789e6aa1b965f4 at once (4 x 512 cpu <= 2048).
    expect(d.services.web!.availability).toBe(1);
    expect(r.run.dynamics!.instancesByGroup["group-0"]!.slice(0, 1)).toEqual([2]);
  });

  it("with every zone of the group down, the replacement waits for the outage to end", () => {
    const r = runText(
      scenario(
        "    - { type: m5.large, count: 1, zones: [a] }",
        `services:
  - { name: web, taskDefinition: svc, desiredCount: 1 }
failures:
  zoneOutages: [{ zone: a, at: 100, for: 100 }]`,
      ),
    );
    const instances = r.log.entries.filter((e) => e.task === undefined && e.time > 0);
    expect(instances.map((e) => [e.time, e.instance, e.state])).toEqual([
      [100, "i-0e220a8397b1dcdaf", "GONE"],
      [200, "i-06e789e6aa1b965f4", "ACTIVE"],
    ]);
    const d = dynamicsOf(r);
    expect(d.services.web!.secondsBelowDesired).toBe(100);
    expect(d.services.web!.availability).toBeCloseTo(500 / 600);
    expect(r.run.metrics.tasks.pendingAtEnd).toBe(0);
  });

  it("random instance failures hit the same instances at the same times under every strategy", () => {
    const text = scenario(
      "    - { type: m5.large, count: 6, zones: [a, b, c] }",
      `workload:
  - { taskDefinition: job, arrival: { type: poisson, ratePerMinute: 2 }, duration: { type: exponential, mean: 10m } }
failures:
  instances: [{ mtbf: 5h }]`,
      "10h",
    );
    const gone = (strategy: number) =>
      runText(text, strategy)
        .log.entries.filter((e) => e.state === "GONE" && e.time > 0)
        .map((e) => [e.time, e.instance]);
    const first = gone(0);
    expect(first.length).toBeGreaterThan(3);
    expect(gone(1)).toEqual(first);
  });
});

describe("shipped scenarios", () => {
  it("az-outage.yaml: the outage costs the web service availability and loses tasks", () => {
    const { scenario: sc } = loadScenarioFile("scenarios/az-outage.yaml");
    for (const s of sc.strategies) {
      const d = simulate(sc, s, sc.seed).metrics.dynamics!;
      expect(d.instancesLost).toBeGreaterThanOrEqual(3);
      expect(d.tasksLost).toBeGreaterThan(0);
      expect(d.instancesLaunched).toBe(d.instancesLost);
      expect(d.services.web!.availability).toBeLessThan(1);
    }
  });

  it("spot-interruptions.yaml: interrupted spot instances are replaced and their service tasks moved", () => {
    const { scenario: sc } = loadScenarioFile("scenarios/spot-interruptions.yaml");
    const d = simulate(sc, sc.strategies[0]!, sc.seed).metrics.dynamics!;
    expect(d.spotInterruptions).toBeGreaterThanOrEqual(4);
    expect(d.stopReasons["Container instance is DRAINING: task replaced"]).toBeGreaterThan(0);
    expect(d.instancesLaunched).toBe(d.spotInterruptions);
  });
});
