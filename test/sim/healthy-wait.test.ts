/**
 * The wait before a new task without container health checks counts toward minimumHealthyPercent (API
 * reference, DeploymentConfiguration: 40 s after RUNNING). Two m5.large, a 2-task service without health
 * checks, startup 10 s; a deployment at 5 m. Every time below is worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { UNCHECKED_HEALTHY_WAIT } from "../../src/sim/services.ts";
import { runText, timesOf } from "./run-scenario.ts";

const scenario = (opts: { min: number; max: number; health?: boolean; extra?: string }) => `name: t
horizon: 15m
cluster:
  instances:
    - { name: g, type: m5.large, count: 2, zones: [a] }
taskDefinitions:
  - family: v1
    startupTime: { type: constant, value: 10s }
    containerDefinitions: [{ name: c, cpu: 256, memory: 512 }]
  - family: v2
    startupTime: { type: constant, value: 10s }
    ${opts.health ? "readyTime: { type: constant, value: 15s }" : ""}
    containerDefinitions:
      - name: c
        cpu: 256
        memory: 512
        ${opts.health ? `healthCheck: { command: ["CMD-SHELL", "curl -f localhost"], interval: 10 }` : ""}
services:
  - name: api
    taskDefinition: v1
    desiredCount: 2
    deployments: [{ at: 5m, taskDefinition: v2 }]
    deploymentConfiguration: { minimumHealthyPercent: ${opts.min}, maximumPercent: ${opts.max} }
strategies:
  - { name: first-fit, placementStrategy: [{ type: first-fit }] }
`;

const stopped = (r: ReturnType<typeof runText>, family: string) =>
  timesOf(r.log, (e) => e.state === "STOPPED" && e.family === family);
const running = (r: ReturnType<typeof runText>, family: string) =>
  timesOf(r.log, (e) => e.state === "RUNNING" && e.family === family);

describe("the wait before a task without health checks counts toward minimumHealthyPercent", () => {
  it("is the guide's 40 seconds", () => {
    expect(UNCHECKED_HEALTHY_WAIT).toBe(40);
  });

  it("holds each old task until its replacement has run 40 s (100% / 150%: one at a time)", () => {
    const r = runText(scenario({ min: 100, max: 150 }));
    // 300: one v2 launched (room for 3), RUNNING at 310, counts at 350: the first v1 stops, the second v2
    // launches, RUNNING at 360, counts at 400: the second v1 stops and the deployment is complete.
    expect(running(r, "v2")).toEqual([310, 360]);
    expect(stopped(r, "v1")).toEqual([350, 400]);
    const d = r.run.dynamics!.deployments[0]!;
    expect(d).toMatchObject({ startedAt: 300, completedAt: 400, stalledAt: null });
  });

  it("lets a task that counts go at once: 50% / 100% stops one v1 at 300, the other 40 s after v2 runs", () => {
    const r = runText(scenario({ min: 50, max: 100 }));
    // lower = 1, upper = 2. 300: one v1 stops (2 - 1 >= 1), one v2 launches (RUNNING 310, counts 350); the
    // second v1 stops at 350, its replacement RUNNING at 360.
    expect(stopped(r, "v1")).toEqual([300, 350]);
    expect(running(r, "v2")).toEqual([310, 360]);
    expect(r.run.dynamics!.deployments[0]!.completedAt).toBe(360);
  });

  it("does not add to container health checks: a checked task counts when healthy", () => {
    // v2 ready 15 s after RUNNING, probed every 10 s: healthy at the 20 s probe, no 40 s wait on top.
    // 300 launch, 310 RUNNING, 330 healthy: v1 stops, v2 launches; 340 RUNNING, 360 healthy: v1 stops.
    const r = runText(scenario({ min: 100, max: 150, health: true }));
    expect(stopped(r, "v1")).toEqual([330, 360]);
    expect(r.run.dynamics!.deployments[0]!.completedAt).toBe(360);
  });

  it("applies to draining too: a task on a DRAINING instance stops 40 s after its replacement runs", () => {
    // The spot instance gets the two-minute warning at 5 m and drains; its api task is replaced on the
    // free on-demand instance (distinctInstance): launched 300, RUNNING 310, counts 350, then the task on the
    // spot instance stops, 70 s before the reclaim at 420.
    const r = runText(`name: t
horizon: 15m
startupTime: { type: constant, value: 10s }
cluster:
  instances:
    - { name: spot, type: m5.large, count: 1, spot: true, zones: [a] }
    - { name: od, type: m5.large, count: 2, zones: [a] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: c, cpu: 256, memory: 512 }]
services:
  - name: api
    taskDefinition: web
    desiredCount: 2
    placementConstraints: [{ type: distinctInstance }]
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 }
failures:
  spotInterruptions: [{ group: spot, at: 5m, count: 1 }]
strategies:
  - { name: first-fit, placementStrategy: [{ type: first-fit }] }
`);
    expect(running(r, "web")).toEqual([10, 10, 310]);
    expect(stopped(r, "web")).toEqual([350]);
    expect(r.run.metrics.dynamics!.tasksLost).toBe(0);
  });
});
