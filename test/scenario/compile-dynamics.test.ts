import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { problemsOf as problems } from "../helpers/scenario.ts";

const HEAD = `name: t
horizon: 1h
cluster:
  instances:
    - { name: g, type: m5.large, count: 1, zones: [a] }
taskDefinitions:
  - family: a
    containerDefinitions: [{ name: c, cpu: 1, memory: 1 }]
strategies:
  - { name: r, placementStrategy: [{ type: random }] }
`;

describe("dynamics sections", () => {
  it("compile services, failures, providers and group settings", () => {
    const { scenario } = loadScenarioText(
      "s.yaml",
      `${HEAD}capacityProviders:
  - { name: cp, autoScalingGroup: g, managedScaling: { targetCapacity: 80 } }
services:
  - { name: s, taskDefinition: a, desiredCount: 2, capacityProviderStrategy: [{ capacityProvider: cp, base: 1 }] }
failures:
  containers: [{ taskDefinition: a, container: c, ratePerHour: 2 }]
  zoneOutages: [{ zone: a, at: 10m, for: 5m }]
`,
    );
    const d = scenario.dynamics;
    expect(d.active).toBe(true);
    expect(d.services[0]).toMatchObject({
      name: "s",
      desiredCount: 2,
      minimumHealthyPercent: 100,
      maximumPercent: 200,
    });
    // weight left out is 0, the ECS API default (a lone provider still takes every task).
    expect(d.services[0]!.providerStrategy).toEqual([{ provider: 0, base: 1, weight: 0 }]);
    expect(d.providers[0]).toMatchObject({
      group: 0,
      managedScaling: true,
      targetCapacity: 80,
      instanceWarmupPeriod: 300,
    });
    expect(d.groups[0]!.provider).toBe(0);
    expect(d.containerFailures[0]).toMatchObject({
      container: 0,
      essential: true,
      timeToFailure: { type: "exponential", mean: 1800 },
    });
    expect(d.zoneOutages).toEqual([{ zone: "a", at: 600, for: 300 }]);
  });

  it("warns when a managed group has no maxSize to grow into", () => {
    const { warnings } = loadScenarioText(
      "s.yaml",
      `${HEAD}capacityProviders: [{ name: cp, autoScalingGroup: g, managedScaling: {} }]
services: [{ name: s, taskDefinition: a }]
`,
    );
    expect(warnings).toEqual([
      'warning: s.yaml:5:7 cluster.instances[0]: group "g" sets no maxSize, so managed scaling cannot grow it beyond 1',
    ]);
  });

  it("a scenario with only standalone tasks on a fixed cluster has no dynamics", () => {
    const { scenario } = loadScenarioText(
      "s.yaml",
      `${HEAD}workload:
  - { taskDefinition: a, arrival: { type: poisson, ratePerHour: 1 }, duration: { type: constant, value: 1 } }
`,
    );
    expect(scenario.dynamics.active).toBe(false);
  });

  it("names every unknown reference with its position", () => {
    expect(
      problems(`${HEAD}capacityProviders:
  - { name: cp, autoScalingGroup: nope }
services:
  - { name: s, taskDefinition: a, capacityProviderStrategy: [{ capacityProvider: missing }] }
failures:
  containers: [{ taskDefinition: a, container: zz, ratePerHour: 1 }]
  drains: [{ group: nogroup, at: 1h }]
  zoneOutages: [{ zone: b, at: 1h, for: 1m }]
`),
    ).toEqual([
      's.yaml:12:17 capacityProviders[0].autoScalingGroup: no instance group named "nope"',
      's.yaml:14:64 services[0].capacityProviderStrategy[0].capacityProvider: no capacity provider "missing"',
      's.yaml:16:37 failures.containers[0].container: task definition "a" has no container "zz"',
      's.yaml:17:14 failures.drains[0].group: no instance group named "nogroup"',
      's.yaml:18:19 failures.zoneOutages[0].zone: no instance group uses zone "b"',
    ]);
  });

  it("rejects ambiguous or impossible settings", () => {
    expect(problems(`${HEAD}failures:\n  instances: [{ mtbf: 1h, at: 2h }]\n`)).toEqual([
      // The schema rejects failures; the sound sections are still compiled, and this file has no work.
      "s.yaml:1:1 workload: a scenario needs a workload source or a service",
      "s.yaml:12:15 failures.instances[0]: an instance failure takes either mtbf (random) or at (scheduled)",
    ]);
    expect(
      problems(`${HEAD}services:
  - { name: s, taskDefinition: a, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 50 } }
`),
    ).toEqual([
      "s.yaml:12:35 services[0].deploymentConfiguration: maximumPercent must be at least minimumHealthyPercent",
    ]);
    expect(problems(HEAD)).toEqual(["s.yaml:1:1 workload: a scenario needs a workload source or a service"]);
  });
});
