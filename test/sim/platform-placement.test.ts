import { describe, expect, it } from "vitest";
import { awsId } from "../../src/model/aws-ids.ts";
import { runText } from "./run-scenario.ts";

/** Two groups of each kind; the first group's instances come first (i-0e220a8397b1dcdaf, i-06e789e6aa1b965f4). */
const scenario = (groups: string, taskDefinition: string, count = 6) => `name: t
horizon: 100s
cluster:
  instances:
${groups}
taskDefinitions:
  - ${taskDefinition}
workload:
  - taskDefinition: td
    arrival: { type: burst, at: 0, count: ${count} }
    duration: { type: constant, value: 50 }
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

const placedOn = (text: string, strategy = 0) => {
  const r = runText(text, strategy);
  const running = r.log.entries.filter((e) => e.state === "RUNNING").map((e) => e.instance!);
  return { running, metrics: r.run.metrics };
};

const MIXED = `    - { name: x86, type: m5.large, count: 2 }
    - { name: graviton, type: m7g.large, count: 2 }`;

describe("runtimePlatform", () => {
  it("ARM64 tasks land only on Graviton instances, under every strategy", () => {
    const td = `{ family: td, runtimePlatform: { cpuArchitecture: ARM64 }, containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    for (const strategy of [0, 1]) {
      const { running } = placedOn(scenario(MIXED, td), strategy);
      expect(running.length).toBe(6);
      expect(running.every((i) => i === "i-006c45d188009454f" || i === "i-0f88bb8a8724c81ec")).toBe(true);
      expect(new Set(running).size).toBe(strategy === 0 ? 1 : 2);
    }
  });

  it("X86_64 tasks avoid Graviton; tasks that name no architecture may land anywhere (ECS does not check)", () => {
    const x86 = `{ family: td, runtimePlatform: { cpuArchitecture: X86_64 }, containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    expect(new Set(placedOn(scenario(MIXED, x86), 1).running)).toEqual(
      new Set(["i-0e220a8397b1dcdaf", "i-06e789e6aa1b965f4"]),
    );
    const any = `{ family: td, containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    expect(new Set(placedOn(scenario(MIXED, any), 1).running).size).toBe(4);
  });

  it("ARM64 tasks stay pending when the cluster has no Graviton instance", () => {
    const td = `{ family: td, runtimePlatform: { cpuArchitecture: ARM64 }, containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    const { running, metrics } = placedOn(scenario("    - { type: m5.large, count: 2 }", td));
    expect(running).toEqual([]);
    expect(metrics.tasks.pendingAtEnd).toBe(6);
  });

  it("Windows tasks land only on instances of their OS family", () => {
    const groups = `    - { name: linux, type: m5.large, count: 2 }
    - { name: win, type: m5.large, count: 2, osFamily: WINDOWS_SERVER_2022_FULL }`;
    const td = `{ family: td, networkMode: default, runtimePlatform: { operatingSystemFamily: WINDOWS_SERVER_2022_FULL }, containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    expect(new Set(placedOn(scenario(groups, td), 1).running)).toEqual(
      new Set(["i-006c45d188009454f", "i-0f88bb8a8724c81ec"]),
    );
    const linux = `{ family: td, runtimePlatform: { operatingSystemFamily: LINUX }, containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    expect(new Set(placedOn(scenario(groups, linux), 1).running)).toEqual(
      new Set(["i-0e220a8397b1dcdaf", "i-06e789e6aa1b965f4"]),
    );
  });
});

describe("requiresAttributes", () => {
  it("checks custom attributes against instances; agent capabilities are everywhere", () => {
    const groups = `    - { name: plain, type: m5.large, count: 2 }
    - { name: ssd, type: m5.large, count: 2, attributes: { storage: nvme } }`;
    const td = `{ family: td, requiresAttributes: [{ name: com.amazonaws.ecs.capability.docker-remote-api.1.19 }, { name: storage, value: nvme }], containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    expect(new Set(placedOn(scenario(groups, td), 1).running)).toEqual(
      new Set(["i-006c45d188009454f", "i-0f88bb8a8724c81ec"]),
    );
    const exists = `{ family: td, requiresAttributes: [{ name: storage }], containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    expect(new Set(placedOn(scenario(groups, exists), 1).running)).toEqual(
      new Set(["i-006c45d188009454f", "i-0f88bb8a8724c81ec"]),
    );
  });
});

describe("built-in instance attributes", () => {
  it("ecs.ami-id, ecs.vpc-id, ecs.subnet-id, ecs.os-family are there for memberOf", () => {
    const groups = `    - { name: a, type: m5.large, count: 2, zones: [us-east-1a] }
    - { name: b, type: m5.large, count: 2, zones: [us-east-1b] }`;
    const td = `{ family: td, containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }`;
    const text = scenario(groups, td).replace(
      "  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }\n",
      "  - { name: c, placementStrategy: [{ type: spread, field: instanceId }], placementConstraints: [{ type: memberOf, expression: 'attribute:ecs.subnet-id == SUBNET and attribute:ecs.vpc-id =~ vpc-0.* and attribute:ecs.ami-id =~ ami-0.* and attribute:ecs.os-family == LINUX' }] }\n",
    );
    const r0 = runText(text.replace("SUBNET", "nothing"));
    expect(r0.run.metrics.tasks.pendingAtEnd).toBe(6);
    const subnet = awsId("subnet", "us-east-1b");
    expect(subnet).toMatch(/^subnet-0[0-9a-f]{16}$/);
    const { running } = placedOn(text.replace("SUBNET", subnet), 0);
    expect(new Set(running)).toEqual(new Set(["i-006c45d188009454f", "i-0f88bb8a8724c81ec"]));
  });
});
