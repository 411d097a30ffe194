/**
 * Services with their own placementConstraints and placementStrategy (service_definition_parameters.md,
 * "Task placement"). Cluster: four m5.xlarge, i-0e220a8397b1dcdaf and i-006c45d188009454f in zone a, i-06e789e6aa1b965f4 and i-0f88bb8a8724c81ec in zone b.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { InputError } from "../../src/scenario/problems.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { dynamicsOf, runText } from "./run-scenario.ts";

const HEAD = `name: t
horizon: 1h
cluster:
  instances:
    - { name: g, type: m5.xlarge, count: 4, zones: [a, b] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: c, cpu: 256, memory: 512 }]
  - family: job
    containerDefinitions: [{ name: c, cpu: 256, memory: 512 }]
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

/** Where each task family ran: instance ids of its RUNNING entries, in order. */
function placements(text: string, strategy: number, family: string, seed?: number): string[] {
  return runText(text, strategy, seed)
    .log.entries.filter((e) => e.state === "RUNNING" && e.family === family)
    .map((e) => e.instance!);
}

function problems(text: string): string[] {
  try {
    loadScenarioText("s.yaml", text);
  } catch (e) {
    if (e instanceof InputError) return e.message.split("\n");
    throw e;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("a service's own placementStrategy", () => {
  const own = `${HEAD}services:
  - name: api
    taskDefinition: web
    desiredCount: 3
    placementStrategy: [{ type: binpack, field: memory }]
  - { name: plain, taskDefinition: job, desiredCount: 3 }
`;

  it("places the service's tasks under every strategy of the run (binpack: all three on one instance)", () => {
    for (const strategy of [0, 1]) {
      const where = placements(own, strategy, "web");
      expect(where).toHaveLength(3);
      expect(new Set(where).size).toBe(1);
    }
  });

  it("leaves the run's strategy in charge of the other services (spread: three instances)", () => {
    // Under spread the plain service avoids the instance the api service packed, and every other.
    const where = placements(own, 1, "job");
    expect(new Set(where).size).toBe(3);
    // Under binpack it packs onto the fullest instance: the one holding the api tasks.
    const binpacked = placements(own, 0, "job");
    expect(new Set(binpacked).size).toBe(1);
    expect(binpacked[0]).toBe(placements(own, 0, "web")[0]);
  });

  it("spreads by zone then instance when the service says so, though the run's strategy packs", () => {
    const text = `${HEAD}services:
  - name: api
    taskDefinition: web
    desiredCount: 4
    placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }, { type: spread, field: instanceId }]
`;
    const where = placements(text, 0, "web");
    expect([...where].sort()).toEqual(
      ["i-0e220a8397b1dcdaf", "i-06e789e6aa1b965f4", "i-006c45d188009454f", "i-0f88bb8a8724c81ec"].sort(),
    );
  });

  it("draws its ties from its own stream: the same placements whatever the other tasks do", () => {
    // The workload (zone a only) draws from the run's tie-break stream differently under each strategy;
    // the service (zone b only) places the same way under both.
    const text = `${HEAD}services:
  - name: api
    taskDefinition: web
    desiredCount: 2
    desiredCountChanges: [{ at: 5m, desiredCount: 4 }, { at: 10m, desiredCount: 6 }, { at: 15m, desiredCount: 8 }]
    placementStrategy: [{ type: random }]
    placementConstraints: [{ type: memberOf, expression: "attribute:ecs.availability-zone == b" }]
workload:
  - taskDefinition: job
    arrival: { type: poisson, ratePerMinute: 2 }
    duration: { type: exponential, mean: 120 }
    placementConstraints: [{ type: memberOf, expression: "attribute:ecs.availability-zone == a" }]
`;
    for (const seed of [1, 2, 3]) {
      const a = placements(text, 0, "web", seed);
      expect(a).toHaveLength(8);
      expect(a.every((i) => i === "i-06e789e6aa1b965f4" || i === "i-0f88bb8a8724c81ec")).toBe(true);
      expect(placements(text, 1, "web", seed)).toEqual(a);
    }
  });

  it("indexes the service's chain: the index and the scan choose alike", () => {
    const text = `${HEAD}services:
  - name: api
    taskDefinition: web
    desiredCount: 5
    desiredCountChanges: [{ at: 10m, desiredCount: 12 }, { at: 20m, desiredCount: 2 }, { at: 30m, desiredCount: 9 }]
    placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }, { type: binpack, field: cpu }]
workload:
  - taskDefinition: job
    arrival: { type: poisson, ratePerMinute: 3 }
    duration: { type: exponential, mean: 300 }
`;
    const sc = loadScenarioText("t.yaml", text).scenario;
    for (const k of [0, 1]) {
      const logs = [false, true].map((scanOnly) => {
        const log = new MemoryLog();
        simulate(sc, sc.strategies[k]!, 7, { log, scanOnly });
        return log.entries;
      });
      expect(logs[0]).toEqual(logs[1]);
      expect(logs[0]!.length).toBeGreaterThan(100);
    }
  });

  it("stops tasks in scale-in as the service's chain says, not the run's", () => {
    // Zone b is fuller (the heavy service). Own chain spread over zones: scaling 4 -> 2 keeps one task per
    // zone; the run's binpack would stop the tasks on the emptiest instances, both in zone a.
    const text = `${HEAD}services:
  - name: api
    taskDefinition: web
    desiredCount: 4
    desiredCountChanges: [{ at: 10m, desiredCount: 2 }]
    placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }, { type: spread, field: instanceId }]
  - name: heavy
    taskDefinition: job
    desiredCount: 2
    placementConstraints: [{ type: distinctInstance }, { type: memberOf, expression: "attribute:ecs.availability-zone == b" }]
`;
    for (const seed of [1, 2, 3, 4]) {
      const r = runText(text, 0, seed);
      const running = new Map<string, string>();
      for (const e of r.log.entries) {
        if (e.family !== "web") continue;
        if (e.state === "RUNNING") running.set(e.task!, e.zone!);
        if (e.state === "STOPPED") running.delete(e.task!);
      }
      expect([...running.values()].sort()).toEqual(["a", "b"]);
    }
  });
});

describe("a service's own placementConstraints", () => {
  it("bind under every strategy (memberOf zone b)", () => {
    const text = `${HEAD}services:
  - name: api
    taskDefinition: web
    desiredCount: 4
    placementConstraints: [{ type: memberOf, expression: "attribute:ecs.availability-zone == b" }]
`;
    for (const strategy of [0, 1]) {
      const where = placements(text, strategy, "web");
      expect(where).toHaveLength(4);
      expect(where.every((i) => i === "i-06e789e6aa1b965f4" || i === "i-0f88bb8a8724c81ec")).toBe(true);
    }
  });

  it("distinctInstance keeps a binpacked service on four instances, and a fifth task pending", () => {
    const text = `${HEAD}services:
  - name: api
    taskDefinition: web
    desiredCount: 5
    placementConstraints: [{ type: distinctInstance }]
`;
    const r = runText(text, 0);
    const where = r.log.entries.filter((e) => e.state === "RUNNING").map((e) => e.instance);
    expect(new Set(where).size).toBe(4);
    expect(where).toHaveLength(4);
    expect(dynamicsOf(r).services.api!.availability).toBe(0);
  });

  it("join the task definition's constraints", () => {
    const text = `${HEAD.replace(
      "  - family: job\n",
      `  - family: job
    placementConstraints: [{ type: memberOf, expression: "attribute:ecs.availability-zone == a" }]
`,
    )}services:
  - name: api
    taskDefinition: job
    desiredCount: 2
    placementConstraints: [{ type: distinctInstance }]
`;
    const where = placements(text, 0, "job");
    expect([...where].sort()).toEqual(["i-0e220a8397b1dcdaf", "i-006c45d188009454f"].sort());
  });

  it("limit a DAEMON service to the instances that meet them, and its desired count with it", () => {
    const text = `${HEAD}services:
  - name: agent
    taskDefinition: web
    schedulingStrategy: DAEMON
    placementConstraints: [{ type: memberOf, expression: "attribute:ecs.availability-zone == a" }]
`;
    const r = runText(text, 1);
    const where = r.log.entries.filter((e) => e.state === "RUNNING").map((e) => e.instance);
    expect([...where].sort()).toEqual(["i-0e220a8397b1dcdaf", "i-006c45d188009454f"].sort());
    expect(dynamicsOf(r).services.agent!.availability).toBe(1);
  });
});

describe("service placement settings are checked", () => {
  const service = (extra: string) => `${HEAD}services:\n  - name: api\n    taskDefinition: web\n${extra}`;

  it("refuses a strategy file, an unknown step and a bad field at the step", () => {
    expect(problems(service("    placementStrategy: [{ type: ./mine.ts }]\n"))).toEqual([
      "s.yaml:17:27 services[0].placementStrategy[0].type: a service's placementStrategy takes built-in strategies; compare a strategy file under strategies:",
    ]);
    const unknown = problems(service("    placementStrategy: [{ type: binpak }]\n"));
    expect(unknown[0]).toMatch(
      /^s\.yaml:17:\d+ services\[0\]\.placementStrategy\[0\]: unknown strategy type "binpak"/,
    );
    const field = problems(service("    placementStrategy: [{ type: binpack, field: disk }]\n"));
    expect(field[0]).toMatch(/^s\.yaml:17:\d+ services\[0\]\.placementStrategy\[0\]: /);
  });

  it("refuses more than 5 steps, a placementStrategy on a DAEMON and more than 10 constraints in all", () => {
    const six = Array(6).fill("{ type: random }").join(", ");
    expect(problems(service(`    placementStrategy: [${six}]\n`))[0]).toContain(
      "a service's placementStrategy holds at most 5 strategies",
    );
    expect(
      problems(service("    schedulingStrategy: DAEMON\n    placementStrategy: [{ type: random }]\n"))[0],
    ).toContain("a DAEMON service runs one task on every instance that meets its constraints");
    const memberOf = '{ type: memberOf, expression: "attribute:ecs.instance-type exists" }';
    const withDefinition = HEAD.replace(
      "  - family: web\n",
      `  - family: web\n    placementConstraints: [${Array(3).fill(memberOf).join(", ")}]\n`,
    );
    expect(
      problems(
        `${withDefinition}services:\n  - name: api\n    taskDefinition: web\n    placementConstraints: [${Array(8).fill(memberOf).join(", ")}]\n`,
      ),
    ).toEqual([
      "s.yaml:18:5 services[0].placementConstraints: tasks of this service would carry 11 placement constraints (task definition's and service's); ECS allows at most 10",
    ]);
  });

  it("counts a strategy's added constraints toward the service's ten", () => {
    const memberOf = '{ type: memberOf, expression: "attribute:ecs.instance-type exists" }';
    const text = HEAD.replace(
      "  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }\n",
      `  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }], placementConstraints: [${memberOf}, ${memberOf}] }\n`,
    );
    const out = problems(
      `${text}services:\n  - name: api\n    taskDefinition: web\n    placementConstraints: [${Array(9).fill(memberOf).join(", ")}]\n`,
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(
      "strategies[1].placementConstraints: tasks of service api would carry 11 placement constraints with this strategy's",
    );
  });

  it("warns when every task follows its service's own chain: the strategies cannot differ in placement", () => {
    const { warnings } = loadScenarioText(
      "s.yaml",
      service("    placementStrategy: [{ type: binpack, field: cpu }]\n"),
    );
    expect(warnings.join("\n")).toContain(
      "every service names its own placementStrategy and there is no workload",
    );
  });
});
