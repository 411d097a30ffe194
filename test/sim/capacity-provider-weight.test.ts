import { describe, expect, it } from "vitest";
import { chooseShare } from "../../src/sim/capacity-providers.ts";
import { runText, STRATEGIES } from "./run-scenario.ts";

const scenario = (strategy: string) => `name: t
horizon: 100s
cluster:
  instances:
    - { name: ga, type: m5.xlarge, count: 2 }
    - { name: gb, type: m5.xlarge, count: 2 }
capacityProviders:
  - { name: A, autoScalingGroup: ga }
  - { name: B, autoScalingGroup: gb }
taskDefinitions:
  - family: small
    containerDefinitions: [{ name: app, cpu: 128, memory: 256 }]
workload:
  - taskDefinition: small
    arrival: { type: burst, at: 0, count: 10 }
    duration: { type: constant, value: 50 }
    capacityProviderStrategy: ${strategy}
${STRATEGIES}`;

const onA = (text: string) => {
  const r = runText(text);
  const where = r.log.entries.filter((e) => e.state === "RUNNING").map((e) => e.instance);
  expect(where.length).toBe(10);
  return where.filter((i) => i === "i-0e220a8397b1dcdaf" || i === "i-06e789e6aa1b965f4").length;
};

describe("capacity provider strategy weights (ECS API: weight defaults to 0)", () => {
  it("A base 2 without weight + B weight 1 puts 2 of 10 tasks on A, 8 on B", () => {
    expect(onA(scenario("[{ capacityProvider: A, base: 2 }, { capacityProvider: B, weight: 1 }]"))).toBe(2);
  });

  it("an explicit weight 1 on A restores the 1:1 split beyond the base (6/4)", () => {
    expect(
      onA(scenario("[{ capacityProvider: A, base: 2, weight: 1 }, { capacityProvider: B, weight: 1 }]")),
    ).toBe(6);
  });

  it("a lone provider without weight takes every task", () => {
    expect(onA(scenario("[{ capacityProvider: A }]"))).toBe(10);
    expect(chooseShare([{ provider: 0, base: 0, weight: 0 }], [5])).toBe(0);
  });
});
