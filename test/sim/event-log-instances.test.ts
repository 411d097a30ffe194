/** The event log names each instance's type, group and capacity in its first event (issue 13). */
import { describe, expect, it } from "vitest";
import { runText } from "./run-scenario.ts";

const SCENARIO = `name: t
horizon: 600s
cluster:
  instanceTypes: { small: { cpu: 1024, memory: 2048 } }
  instances:
    - { name: base, type: m5.large, count: 2, zones: [a, b] }
    - { name: burst, type: small, count: 1, maxSize: 3, launchDelay: 30s, schedule: [{ at: 100, desiredCapacity: 3 }] }
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: job, cpu: 256, memory: 256 }]
workload:
  - { taskDefinition: job, arrival: { type: interval, every: 10s }, duration: { type: constant, value: 60 } }
strategies:
  - { name: bp, placementStrategy: [{ type: binpack, field: memory }] }
`;

describe("instance events", () => {
  it("carry type, group, cpu and memory on each instance's first event only", () => {
    const { log } = runText(SCENARIO);
    const instanceEvents = log.entries.filter((e) => e.task === undefined && e.instance !== undefined);
    const seen = new Set<string>();
    let firsts = 0;
    for (const e of instanceEvents) {
      if (!seen.has(e.instance!)) {
        seen.add(e.instance!);
        firsts++;
        expect(e.instanceType, JSON.stringify(e)).toMatch(/^(m5\.large|small)$/);
        expect(e.group).toBe(e.instanceType === "small" ? "burst" : "base");
        expect(e.cpu).toBe(e.instanceType === "small" ? 1024 : 2048);
        expect(e.memory).toBeGreaterThan(0);
      } else {
        expect(e.instanceType, JSON.stringify(e)).toBeUndefined();
      }
    }
    // 3 at start, 2 launched by the schedule (first seen as LAUNCHING, then ACTIVE).
    expect(firsts).toBe(5);
    expect(instanceEvents.some((e) => e.state === "LAUNCHING" && e.group === "burst")).toBe(true);
  });
});
