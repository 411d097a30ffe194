/**
 * Container health checks delaying when a service task counts, the health check grace period and the
 * deployment circuit breaker (deployment-type-ecs.md; service_definition_parameters.md). Two m5.large, a
 * 2-task service whose container is probed every 10 s, UNHEALTHY after 2 counted failures (20 s).
 */
import { describe, expect, it } from "vitest";
import { circuitBreakerThreshold } from "../../src/sim/services.ts";
import { dynamicsOf, runText } from "./run-scenario.ts";

const HEALTH = `healthCheck: { command: ["CMD-SHELL", "curl -f localhost"], interval: 10, retries: 2 }`;

const scenario = (opts: {
  ready?: string;
  v2Ready?: string;
  service?: string;
  deploymentConfig?: string;
}) => `name: t
horizon: 10m
cluster:
  instances:
    - { name: g, type: m5.large, count: 2, zones: [a] }
taskDefinitions:
  - family: v1
    ${opts.ready ? `readyTime: ${opts.ready}` : ""}
    containerDefinitions: [{ name: c, cpu: 256, memory: 512, ${HEALTH} }]
  - family: v2
    readyTime: ${opts.v2Ready ?? "{ type: constant, value: 1h }"}
    containerDefinitions: [{ name: c, cpu: 256, memory: 512, ${HEALTH} }]
services:
  - name: api
    taskDefinition: v1
    desiredCount: 2
    ${opts.service ?? ""}
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200${opts.deploymentConfig ?? ""} }
strategies:
  - { name: first-fit, placementStrategy: [{ type: first-fit }] }
`;

const unhealthyStops = (r: ReturnType<typeof runText>) =>
  r.log.entries.filter((e) => e.state === "STOPPED" && e.reason === "Task failed container health checks");

describe("container health checks", () => {
  it("a task counts for its service once its checks pass: ready at 15 s, healthy at the 20 s probe", () => {
    const r = runText(scenario({ ready: "{ type: constant, value: 15s }" }));
    expect(dynamicsOf(r).services.api!.availability).toBeCloseTo(1 - 20 / 600, 12);
    expect(unhealthyStops(r)).toHaveLength(0);
  });

  it("a task found UNHEALTHY before it is ready is replaced, again and again", () => {
    // Ready at 100 s, UNHEALTHY at 20 s: every 20 s both tasks are replaced; none ever counts.
    const r = runText(scenario({ ready: "{ type: constant, value: 100s }" }));
    expect(dynamicsOf(r).services.api!.availability).toBe(0);
    expect(
      unhealthyStops(r)
        .map((e) => e.time)
        .slice(0, 4),
    ).toEqual([20, 20, 40, 40]);
  });

  it("the grace period covers a slow start: unhealthy checks are ignored for 120 s, healthy at 100 s", () => {
    const r = runText(
      scenario({ ready: "{ type: constant, value: 100s }", service: "healthCheckGracePeriodSeconds: 120" }),
    );
    expect(unhealthyStops(r)).toHaveLength(0);
    expect(dynamicsOf(r).services.api!.availability).toBeCloseTo(1 - 100 / 600, 12);
  });

  it("a grace period shorter than the start still ends in a replacement, at its end", () => {
    const r = runText(
      scenario({ ready: "{ type: constant, value: 100s }", service: "healthCheckGracePeriodSeconds: 50" }),
    );
    expect(
      unhealthyStops(r)
        .map((e) => e.time)
        .slice(0, 2),
    ).toEqual([50, 50]);
  });
});

describe("deployment circuit breaker", () => {
  it("threshold: ceil(desired / 2) within 10..200 (the guide's table)", () => {
    expect([1, 25, 400, 800].map(circuitBreakerThreshold)).toEqual([10, 13, 200, 200]);
  });

  const deploy = (config: string) =>
    runText(
      scenario({
        service: "deployments: [{ at: 5m, taskDefinition: v2 }]",
        deploymentConfig: `, deploymentCircuitBreaker: ${config}`,
      }),
    );

  it("without it, a deployment whose tasks never get healthy replaces them until the end", () => {
    const r = runText(scenario({ service: "deployments: [{ at: 5m, taskDefinition: v2 }]" }));
    // 2 v2 tasks every 20 s from 5m to 10m.
    expect(unhealthyStops(r)).toHaveLength(30);
    expect(r.run.dynamics!.deployments[0]!.failedAt).toBeUndefined();
  });

  it("fails the deployment at the 10th failure and launches nothing more (rollback off)", () => {
    const r = deploy("{ enable: true, rollback: false }");
    // Two failures every 20 s from 300 s: the 10th at 400 s. The 9th's replacement, launched at 400 s just
    // before the 10th failure, fails at 420 s; nothing is launched after the deployment failed.
    expect(unhealthyStops(r).map((e) => e.time)).toEqual([
      320, 320, 340, 340, 360, 360, 380, 380, 400, 400, 420,
    ]);
    const d = r.run.dynamics!.deployments;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ startedAt: 300, failedAt: 400, completedAt: null });
    // The v1 tasks keep running: the service stays available.
    expect(dynamicsOf(r).services.api!.availability).toBeCloseTo(1 - 10 / 600, 12);
  });

  it("rolls back to the last completed task definition (rollback on)", () => {
    const r = deploy("{ enable: true, rollback: true }");
    // The rollback stops the v2 task still waiting for its checks at once (it never counted).
    expect(unhealthyStops(r)).toHaveLength(10);
    expect(
      r.log.entries.filter((e) => e.state === "STOPPED" && e.time === 400 && e.family === "v2"),
    ).toHaveLength(3);
    const d = r.run.dynamics!.deployments;
    expect(d).toHaveLength(2);
    expect(d[0]).toMatchObject({ startedAt: 300, failedAt: 400 });
    expect(d[1]).toMatchObject({ startedAt: 400, completedAt: 400, rollback: true });
  });
});
