import { describe, expect, it } from "vitest";
import { dynamicsOf, runText, STRATEGIES, timesOf } from "./run-scenario.ts";

/** One m5.4xlarge; task definitions v1, v2 (256 CPU / 512 MiB) and the given tail. */
const scenario = (rest: string, head = "horizon: 300s") => `name: t
${head}
cluster:
  instances:
    - { type: m5.4xlarge, count: 1 }
taskDefinitions:
  - family: v1
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
  - family: v2
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
${rest}
${STRATEGIES}`;

const events = (r: ReturnType<typeof runText>) =>
  r.log.entries.filter((e) => e.task && e.state !== "PENDING").map((e) => `${e.time} ${e.state} ${e.family}`);

describe("task startup time", () => {
  it("a replaced service task is below desired for exactly its startup time", () => {
    // Placed at 0, RUNNING at 30, crashes 100 s after RUNNING (130); the replacement is placed at 130 and
    // RUNNING at 160. The warm-up (60 s) leaves the first startup out: below desired only in [130, 160].
    const r = runText(
      scenario(
        `startupTime: { type: constant, value: 30s }
services:
  - { name: api, taskDefinition: v1, desiredCount: 1 }
failures:
  containers: [{ taskDefinition: v1, container: app, timeToFailure: { type: constant, value: 100 } }]`,
        "horizon: 200s\nwarmup: 60s",
      ),
    );
    expect(events(r)).toEqual([
      "0 PROVISIONING v1",
      "30 RUNNING v1",
      "130 STOPPED v1",
      "130 PROVISIONING v1",
      "160 RUNNING v1",
    ]);
    const api = dynamicsOf(r).services.api!;
    expect(api.secondsBelowDesired).toBe(30);
    expect(api.availability).toBeCloseTo(1 - 30 / 140, 12);
    expect(r.run.dynamics!.servicesRunning.api!.length).toBeGreaterThan(0);
  });

  it("a 100/200 deployment takes one startup time and the 40 s wait: new tasks count before the old ones stop", () => {
    const r = runText(
      scenario(`startupTime: { type: constant, value: 30s }
services:
  - name: web
    taskDefinition: v1
    desiredCount: 2
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 }
    deployments: [{ at: 100, taskDefinition: v2 }]`),
    );
    expect(events(r).filter((e) => Number(e.split(" ")[0]) >= 100)).toEqual([
      "100 PROVISIONING v2",
      "100 PROVISIONING v2",
      "130 RUNNING v2",
      "130 RUNNING v2",
      // Tasks without health checks count toward minimumHealthyPercent 40 s after RUNNING.
      "170 STOPPED v1",
      "170 STOPPED v1",
    ]);
    expect(r.run.dynamics!.deployments).toEqual([
      { service: "web", startedAt: 100, completedAt: 170, stalledAt: null },
    ]);
    // Below desired only while the first two tasks start (0-30); never during the deployment.
    expect(dynamicsOf(r).services.web!.secondsBelowDesired).toBe(30);
  });

  it("a 50/100 deployment of 4 tasks takes two startup times and one 40 s wait, and runs 2 tasks meanwhile", () => {
    const r = runText(
      scenario(`startupTime: { type: constant, value: 30s }
services:
  - name: web
    taskDefinition: v1
    desiredCount: 4
    deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 }
    deployments: [{ at: 100, taskDefinition: v2 }]`),
    );
    // 100: stop 2 old (keep ceil(4 x 0.5) = 2), start 2 new; 130: they run; 170: they count as healthy
    // (40 s), the other 2 old stop and 2 new start; 200: done. Below desired: 0-30, 100-130 and 170-200.
    expect(r.run.dynamics!.deployments[0]!.completedAt).toBe(200);
    expect(dynamicsOf(r).services.web!.secondsBelowDesired).toBe(90);
    expect(timesOf(r.log, (e) => e.state === "RUNNING" && e.family === "v2")).toEqual([130, 130, 200, 200]);
  });

  it("a task definition's own startup time overrides the scenario's", () => {
    const r = runText(
      scenario(`  - family: slow
    startupTime: { type: constant, value: 2m }
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
startupTime: { type: constant, value: 10s }
workload:
  - { taskDefinition: v1, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1000 } }
  - { taskDefinition: slow, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1000 } }`),
    );
    expect(r.loaded.warnings).toEqual([]);
    expect(events(r)).toEqual([
      "0 PROVISIONING v1",
      "0 PROVISIONING slow",
      "10 RUNNING v1",
      "120 RUNNING slow",
    ]);
  });

  it("a standalone task's duration and crash times count from RUNNING; it holds its reservation while starting", () => {
    const r = runText(
      scenario(`startupTime: { type: constant, value: 30s }
workload:
  - { taskDefinition: v1, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 100 } }
  - { taskDefinition: v2, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 100 } }
failures:
  containers: [{ taskDefinition: v2, container: app, timeToFailure: { type: constant, value: 50 } }]`),
    );
    expect(events(r)).toEqual([
      "0 PROVISIONING v1",
      "0 PROVISIONING v2",
      "30 RUNNING v1",
      "30 RUNNING v2",
      "80 STOPPED v2",
      "130 STOPPED v1",
    ]);
    // Both tasks reserve 256 CPU of 16384 from placement on (the sample at 0 is taken after events at 0).
    expect(r.run.series.cpu[0]).toBeCloseTo(512 / 16384, 12);
    expect(r.run.metrics.tasks.placed).toBe(2);
  });

  it("a launch that fails does so during its startup and never reaches RUNNING", () => {
    // Startup 60 s, failure after 20 s: launches at 0, 30 (back-off 10 s) and 70 (20 s) fail at 20, 50, 90.
    const r = runText(
      scenario(
        `startupTime: { type: constant, value: 60s }
services:
  - { name: api, taskDefinition: v1, desiredCount: 1 }
failures:
  containers: [{ taskDefinition: v1, container: app, startFailureProbability: 1, startFailureAfter: 20s }]`,
        "horizon: 100s",
      ),
    );
    expect(timesOf(r.log, (e) => e.state === "PROVISIONING")).toEqual([0, 30, 70]);
    expect(timesOf(r.log, (e) => e.state === "RUNNING")).toEqual([]);
    expect(dynamicsOf(r).startFailures).toBe(3);
    expect(dynamicsOf(r).services.api!.availability).toBe(0);
  });

  it("a task whose instance is lost while it starts is lost and never runs", () => {
    const r = runText(
      scenario(`startupTime: { type: constant, value: 30s }
workload:
  - { taskDefinition: v1, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 100 } }
failures:
  instances: [{ at: 20s, count: 1 }]`),
    );
    expect(timesOf(r.log, (e) => e.state === "RUNNING" && e.family === "v1")).toEqual([]);
    expect(dynamicsOf(r).tasksLost).toBe(1);
  });

  it("a task holds its reservation for startup + duration (Little's law: L = rate x 630 s)", () => {
    // One task every 60 s, 30 s startup, 600 s duration: after the warm-up, 630 / 60 = 10.5 tasks hold a
    // reservation on average and the placement delay is 0 (placement is immediate).
    const r = runText(
      scenario(
        `startupTime: { type: constant, value: 30s }
workload:
  - { taskDefinition: v1, arrival: { type: interval, every: 60s }, duration: { type: constant, value: 600 } }`,
        "horizon: 3h\nwarmup: 1h",
      ),
    );
    expect(r.run.metrics.queue.meanRunning).toBeCloseTo(10.5, 9);
    expect(r.run.metrics.placementDelay.max).toBe(0);
  });

  it("every strategy sees the same startup time for the same task", () => {
    const text = `name: t
horizon: 1h
cluster:
  instances:
    - { type: m5.4xlarge, count: 4 }
taskDefinitions:
  - family: job
    startupTime: { type: lognormal, median: 20s, p95: 60s }
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
workload:
  - { taskDefinition: job, arrival: { type: burst, at: 0, count: 20 }, duration: { type: constant, value: 2h } }
${STRATEGIES}`;
    const running = (strategy: number) =>
      runText(text, strategy)
        .log.entries.filter((e) => e.state === "RUNNING")
        .map((e) => [e.task, e.time])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const first = running(0);
    expect(first).toHaveLength(20);
    expect(new Set(first.map(([, t]) => t)).size).toBe(20);
    expect(running(1)).toEqual(first);
  });
});
