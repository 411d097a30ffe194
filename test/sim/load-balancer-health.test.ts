/**
 * Load balancer target-group health checks of services with `loadBalancers` (load-balancer-healthcheck.html):
 * two m5.large, a 2-task api service behind one target group; times worked out by hand (model/target-group.ts).
 */
import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { InputError } from "../../src/scenario/problems.ts";
import { dynamicsOf, runText, timesOf } from "./run-scenario.ts";

const ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0123456789abcdef";
const ELB = "Task failed ELB health checks";

const scenario = (opts: {
  ready?: string;
  v2Ready?: string;
  targetGroup?: string;
  service?: string;
  container?: string;
  lb?: string;
}) => `name: t
horizon: 10m
cluster:
  instances:
    - { name: g, type: m5.large, count: 2, zones: [a] }
taskDefinitions:
  - family: v1
    ${opts.ready ? `readyTime: ${opts.ready}` : ""}
    containerDefinitions:
      - { name: c, cpu: 256, memory: 512, portMappings: [{ containerPort: 80 }]${opts.container ?? ""} }
  - family: v2
    readyTime: ${opts.v2Ready ?? "{ type: constant, value: 15s }"}
    containerDefinitions:
      - { name: c, cpu: 256, memory: 512, portMappings: [{ containerPort: 80 }] }
services:
  - name: api
    taskDefinition: v1
    desiredCount: 2
    ${opts.service ?? ""}
    loadBalancers:
      - targetGroupArn: ${ARN}
        containerName: c
        containerPort: 80
        ${opts.targetGroup ? `targetGroup: ${opts.targetGroup}` : ""}
      ${opts.lb ?? ""}
    deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 }
strategies:
  - { name: first-fit, placementStrategy: [{ type: first-fit }] }
`;

const elbStops = (r: ReturnType<typeof runText>) =>
  timesOf(r.log, (e) => e.state === "STOPPED" && e.reason === ELB);

describe("target-group health checks", () => {
  it("defaults (30 s interval): a task ready at once counts at the first probe, 30 s after RUNNING", () => {
    const r = runText(scenario({}));
    expect(dynamicsOf(r).services.api!.availability).toBeCloseTo(1 - 30 / 600, 12);
    expect(elbStops(r)).toEqual([]);
  });

  it("a new target needs one passing probe, whatever healthyThresholdCount: ready at 15 s, healthy at 20 s", () => {
    const r = runText(
      scenario({
        ready: "{ type: constant, value: 15s }",
        targetGroup: "{ healthCheckIntervalSeconds: 10, healthyThresholdCount: 10 }",
      }),
    );
    expect(dynamicsOf(r).services.api!.availability).toBeCloseTo(1 - 20 / 600, 12);
  });

  it("an unready target fails unhealthyThresholdCount probes and ECS replaces the task, again and again", () => {
    // interval 10 s, 3 failures: UNHEALTHY 30 s after RUNNING; ready only at 100 s, so never healthy.
    const r = runText(
      scenario({
        ready: "{ type: constant, value: 100s }",
        targetGroup: "{ healthCheckIntervalSeconds: 10, unhealthyThresholdCount: 3 }",
      }),
    );
    expect(elbStops(r).slice(0, 4)).toEqual([30, 30, 60, 60]);
    expect(dynamicsOf(r).services.api!.availability).toBe(0);
    expect(dynamicsOf(r).stopReasons[ELB]).toBe(40);
  });

  it("the grace period holds ELB failures off: 120 s covers a start at 100 s (healthy at the 100 s probe)", () => {
    const r = runText(
      scenario({
        ready: "{ type: constant, value: 100s }",
        targetGroup: "{ healthCheckIntervalSeconds: 10, unhealthyThresholdCount: 3 }",
        service: "healthCheckGracePeriodSeconds: 120",
      }),
    );
    expect(elbStops(r)).toEqual([]);
    expect(dynamicsOf(r).services.api!.availability).toBeCloseTo(1 - 100 / 600, 12);
  });

  it("a grace period shorter than the start ends in a replacement at its end", () => {
    const r = runText(
      scenario({
        ready: "{ type: constant, value: 100s }",
        targetGroup: "{ healthCheckIntervalSeconds: 10, unhealthyThresholdCount: 3 }",
        service: "healthCheckGracePeriodSeconds: 50",
      }),
    );
    expect(elbStops(r).slice(0, 2)).toEqual([50, 50]);
  });

  it("with container health checks too, the task counts when both say healthy", () => {
    // Container probed every 30 s (default): healthy at 30 s; the target group (10 s) at 20 s.
    const r = runText(
      scenario({
        ready: "{ type: constant, value: 15s }",
        targetGroup: "{ healthCheckIntervalSeconds: 10 }",
        container: `, healthCheck: { command: ["CMD-SHELL", "curl -f localhost"] }`,
      }),
    );
    expect(dynamicsOf(r).services.api!.availability).toBeCloseTo(1 - 30 / 600, 12);
  });

  it("every target group must report healthy: the slowest decides", () => {
    const r = runText(
      scenario({
        ready: "{ type: constant, value: 15s }",
        targetGroup: "{ healthCheckIntervalSeconds: 10 }",
        lb: `- { targetGroupArn: "${ARN}2", containerName: c, containerPort: 80, targetGroup: { healthCheckIntervalSeconds: 25 } }`,
      }),
    );
    expect(dynamicsOf(r).services.api!.availability).toBeCloseTo(1 - 25 / 600, 12);
  });

  it("a deployment stops an old task once its replacement is healthy in the target group, with no 40 s wait", () => {
    // v2 ready 15 s after RUNNING, probed every 10 s: healthy 20 s after. 100/200: both v2 start at 300.
    const r = runText(
      scenario({
        targetGroup: "{ healthCheckIntervalSeconds: 10 }",
        service: "deployments: [{ at: 5m, taskDefinition: v2 }]",
      }),
    );
    expect(timesOf(r.log, (e) => e.state === "STOPPED" && e.family === "v1")).toEqual([320, 320]);
    expect(r.run.dynamics!.deployments[0]!.completedAt).toBe(320);
  });
});

describe("loadBalancers input", () => {
  const problems = (text: string): string[] => {
    try {
      loadScenarioText("s.yaml", text);
      return [];
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return e.message.split("\n");
    }
  };

  it("refuses a container the task definition does not have, at its line and column", () => {
    const text = scenario({}).replace("containerName: c", "containerName: web");
    expect(problems(text)).toEqual([
      's.yaml:22:9 services[0].loadBalancers[0].containerName: task definition "v1" has no container "web"',
    ]);
  });

  it("refuses a containerPort the container does not map, at its line and column", () => {
    // The task definition maps 8080; the load balancer still names 80.
    const text = scenario({}).replace(
      "portMappings: [{ containerPort: 80 }]",
      "portMappings: [{ containerPort: 8080 }]",
    );
    expect(problems(text)).toEqual([
      's.yaml:23:9 services[0].loadBalancers[0].containerPort: container "c" of task definition "v1" has no portMapping with containerPort 80 (it maps 8080)',
    ]);
  });

  it("refuses settings outside the Elastic Load Balancing ranges, and a timeout not below the interval", () => {
    const text = scenario({ targetGroup: "{ healthCheckIntervalSeconds: 5, healthCheckTimeoutSeconds: 6 }" });
    expect(problems(text)).toEqual([
      "s.yaml:24:55 services[0].loadBalancers[0].targetGroup.healthCheckTimeoutSeconds: must be smaller than healthCheckIntervalSeconds (5)",
    ]);
    expect(problems(scenario({ targetGroup: "{ unhealthyThresholdCount: 1 }" })).length).toBe(1);
  });

  it("refuses more than five target groups (the ECS limit)", () => {
    const six = Array.from(
      { length: 5 },
      (_, k) => `- { targetGroupArn: "${ARN}${k}", containerName: c, containerPort: 80 }`,
    ).join("\n      ");
    expect(problems(scenario({ lb: six }))).toHaveLength(1);
  });
});
