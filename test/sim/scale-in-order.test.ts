import { describe, expect, it } from "vitest";
import { type ScaleInView, scaleInVictims } from "../../src/sim/scale-in-order.ts";
import { runText } from "./run-scenario.ts";

/** A hand-built cluster: instance -> zone and free memory; task -> instance (-1 pending) and memory. */
function view(zones: string[], freeMemory: number[], taskOn: number[], taskMemory = 512): ScaleInView {
  return {
    instanceOf: (t) => taskOn[t]!,
    attribute: (i, name) => (name === "ecs.availability-zone" ? zones[i] : undefined),
    free: (i, r) => (r === "memory" ? freeMemory[i]! : 0),
    demand: (_t, r) => (r === "memory" ? taskMemory : 0),
  };
}

const AZ = [{ type: "spread", field: "attribute:ecs.availability-zone" }];
const BINPACK = [{ type: "binpack", field: "memory" }];

describe("scale-in victims", () => {
  it("stops pending tasks first, newest first", () => {
    const v = view(["a", "b"], [0, 0], [0, -1, 1, -1]);
    expect(scaleInVictims([0, 1, 2, 3], 2, AZ, v)).toEqual([3, 1]);
  });

  it("spread by zone stops from the fullest zone and rebalances one stop at a time", () => {
    // zone a holds tasks 0,1,2 (instances 0,1), zone b holds task 3 (instance 2)
    const v = view(["a", "a", "b"], [0, 0, 0], [0, 1, 1, 2]);
    // a:3 b:1 -> stop in a (newest there: 2); a:2 b:1 -> a again (1); a:1 b:1 -> tie, newest overall (3)
    expect(scaleInVictims([0, 1, 2, 3], 3, AZ, v)).toEqual([2, 1, 3]);
  });

  it("spread by instance balances over instances", () => {
    const v = view(["a", "a"], [0, 0], [0, 0, 0, 1]);
    expect(scaleInVictims([0, 1, 2, 3], 2, [{ type: "spread", field: "instanceId" }], v)).toEqual([2, 1]);
  });

  it("binpack stops the task whose instance is emptiest once it is gone", () => {
    // instance 1 has the most free memory: its task goes first, leaving it empty
    const v = view(["a", "a", "a"], [100, 3000, 200], [0, 0, 1, 2]);
    expect(scaleInVictims([0, 1, 2, 3], 2, BINPACK, v)).toEqual([2, 3]);
  });

  it("a chain breaks ties step by step: zones first, then binpack inside the zone", () => {
    const v = view(["a", "a", "b"], [100, 5000, 0], [0, 1, 2, 2]);
    // zones a:2 b:2 tie -> binpack: instance 1 has the most free memory
    expect(scaleInVictims([0, 1, 2, 3], 1, [...AZ, ...BINPACK], v)).toEqual([1]);
  });

  it("steps that state no preference leave the newest task", () => {
    const v = view(["a", "b"], [0, 9000], [0, 1, 0]);
    expect(scaleInVictims([0, 1, 2], 1, [{ type: "random" }], v)).toEqual([2]);
  });
});

// Zone b joins at 50 s, so the first four tasks all land in zone a; the scale-out to 8 at 100 s puts the four
// new ones in zone b (spread) and the scale-in to 4 at 200 s must keep both zones (newest-first would empty b).
const scaleIn = `name: scale-in
horizon: 300s
cluster:
  instances:
    - { name: a, type: m5.xlarge, count: 2, zones: [us-east-1a] }
    - { name: b, type: m5.xlarge, count: 0, zones: [us-east-1b], schedule: [{ at: 50s, desiredCapacity: 2 }] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
services:
  - name: web
    taskDefinition: web
    desiredCount: 4
    desiredCountChanges: [{ at: 100, desiredCount: 8 }, { at: 200, desiredCount: 4 }]
strategies:
  - { name: az, placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }, { type: spread, field: instanceId }] }
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
`;

/** Tasks per zone among the web tasks still alive after the scale-in. */
function survivorsOf(
  text: string,
  strategy: number,
): { zones: Record<string, number>; instances: Set<string> } {
  const r = runText(text, strategy);
  const alive = new Map<string, { zone: string; instance: string }>();
  for (const e of r.log.entries) {
    if (!e.task) continue;
    if (e.state === "RUNNING") alive.set(e.task, { zone: e.zone!, instance: e.instance! });
    if (e.state === "STOPPED") alive.delete(e.task);
  }
  const zones: Record<string, number> = {};
  const instances = new Set<string>();
  for (const { zone, instance } of alive.values()) {
    zones[zone] = (zones[zone] ?? 0) + 1;
    instances.add(instance);
  }
  return { zones, instances };
}

describe("service scale-in follows the placement strategy", () => {
  it("spread by zone keeps the zones balanced when 8 tasks become 4", () => {
    expect(survivorsOf(scaleIn, 0).zones).toEqual({ "us-east-1a": 2, "us-east-1b": 2 });
  });

  it("binpack stops the task that leaves an instance empty, so the survivors need one instance", () => {
    // 10,000 MiB tasks: the m5.xlarge holds one, the m5.2xlarge three. Binpack puts the first task on the
    // smaller instance, the next three fill the larger; newest-first would stop one of those three.
    const text = `name: binpack-scale-in
horizon: 300s
cluster:
  instances:
    - { type: m5.xlarge, count: 1 }
    - { type: m5.2xlarge, count: 1 }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 256, memory: 10000 }]
services:
  - { name: web, taskDefinition: web, desiredCount: 4, desiredCountChanges: [{ at: 100, desiredCount: 3 }] }
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
`;
    expect(survivorsOf(text, 0).instances.size).toBe(1);
  });
});
