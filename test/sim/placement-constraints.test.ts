import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { InputError } from "../../src/scenario/problems.ts";
import type { LogEntry } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";

function run(yaml: string) {
  const { scenario } = loadScenarioText("s.yaml", yaml);
  const entries: LogEntry[] = [];
  const result = simulate(scenario, scenario.strategies[0]!, scenario.seed, {
    log: { write: (_s, _seed, e) => entries.push(e) },
  });
  const running = entries.filter((e) => e.state === "RUNNING");
  return { result, running, entries };
}

function problems(yaml: string): string[] {
  try {
    loadScenarioText("s.yaml", yaml);
  } catch (e) {
    if (e instanceof InputError) return e.message.split("\n");
    throw e;
  }
  throw new Error("expected the scenario to be rejected");
}

const BASE = (body: string, pending = "queue") => `name: t
horizon: 1h
pending: ${pending}
cluster:
  instances:
    - { type: m5.large, count: 2, zones: [us-east-1a, us-east-1b] }
    - { type: g4dn.xlarge, count: 1, zones: [us-east-1c] }
taskDefinitions:
  - family: web
    containerDefinitions:
      - { name: app, cpu: 256, memory: 512, portMappings: [{ containerPort: 8443, hostPort: 443 }] }
  - family: db
    containerDefinitions:
      - { name: db, cpu: 256, memory: 512 }
  - family: sidecar
    containerDefinitions:
      - { name: s, cpu: 64, memory: 64 }
${body}`;

describe("constraints in a run", () => {
  it("memberOf keeps tasks on matching instances", () => {
    const { running } = run(
      BASE(`workload:
  - taskDefinition: db
    arrival: { type: burst, at: 0, count: 4 }
    duration: { type: constant, value: 10m }
    placementConstraints: [{ type: memberOf, expression: "attribute:ecs.instance-type =~ g4dn.*" }]
strategies:
  - { name: s, placementStrategy: [{ type: random }] }
`),
    );
    expect(running.map((e) => e.instance)).toEqual([
      "i-006c45d188009454f",
      "i-006c45d188009454f",
      "i-006c45d188009454f",
      "i-006c45d188009454f",
    ]);
  });

  it("a static host port allows one task per instance and fails the rest with RESOURCE:PORTS", () => {
    const { result } = run(
      BASE(
        `workload:
  - { taskDefinition: web, arrival: { type: burst, at: 0, count: 5 }, duration: { type: constant, value: 10m } }
strategies:
  - { name: s, placementStrategy: [{ type: binpack, field: memory }] }
`,
        "fail",
      ),
    );
    expect(result.metrics.tasks.placed).toBe(3);
    expect(result.metrics.failureReasons).toEqual({ "RESOURCE:PORTS": 2 });
  });

  it("distinctInstance spreads a group one per instance; a strategy's constraints apply to every task", () => {
    const { result, running } = run(
      BASE(
        `workload:
  - { taskDefinition: db, arrival: { type: burst, at: 0, count: 4 }, duration: { type: constant, value: 10m } }
strategies:
  - name: s
    placementStrategy: [{ type: binpack, field: memory }]
    placementConstraints: [{ type: distinctInstance }]
`,
        "fail",
      ),
    );
    expect(new Set(running.map((e) => e.instance)).size).toBe(3);
    expect(result.metrics.failureReasons).toEqual({ "CONSTRAINT:distinctInstance": 1 });
  });

  it("retries a pending task with task:group affinity when a placement elsewhere satisfies it", () => {
    // The sidecar arrives first and must sit next to a db task; the db arrives 10 s later. Without
    // re-checking the instance the db lands on, the sidecar would wait until some task there stops.
    const { result, running } = run(
      BASE(`workload:
  - taskDefinition: sidecar
    arrival: { type: burst, at: 0, count: 2 }
    duration: { type: constant, value: 30m }
    placementConstraints: [{ type: memberOf, expression: "task:group == database" }]
  - { taskDefinition: db, group: database, arrival: { type: burst, at: 10, count: 1 }, duration: { type: constant, value: 30m } }
strategies:
  - { name: s, placementStrategy: [{ type: spread, field: instanceId }] }
`),
    );
    expect(running.map((e) => [e.time, e.family, e.instance])).toEqual([
      [10, "db", running[0]!.instance],
      [10, "sidecar", running[0]!.instance],
      [10, "sidecar", running[0]!.instance],
    ]);
    expect(result.metrics.tasks.pendingAtEnd).toBe(0);
  });

  it("retries until no round places more, for chains of affinity (runningTasksCount)", () => {
    // Each sidecar needs an instance already running at least one task; the first db unlocks them all.
    const { running } = run(
      BASE(`workload:
  - taskDefinition: sidecar
    arrival: { type: burst, at: 0, count: 3 }
    duration: { type: constant, value: 30m }
    placementConstraints: [{ type: memberOf, expression: "runningTasksCount >= 1 and attribute:ecs.availability-zone != us-east-1c" }]
  - { taskDefinition: db, arrival: { type: burst, at: 5, count: 1 }, duration: { type: constant, value: 30m } }
strategies:
  - { name: s, placementStrategy: [{ type: first-fit }] }
`),
    );
    expect(running.map((e) => [e.time, e.family, e.instance])).toEqual([
      [5, "db", "i-0e220a8397b1dcdaf"],
      [5, "sidecar", "i-0e220a8397b1dcdaf"],
      [5, "sidecar", "i-0e220a8397b1dcdaf"],
      [5, "sidecar", "i-0e220a8397b1dcdaf"],
    ]);
  });

  it("runs another retry round when a retry placement satisfies a task earlier in the queue", () => {
    const { running } = run(`name: t
horizon: 1h
cluster:
  instances: [{ type: m5.large, count: 1 }]
taskDefinitions:
  - { family: filler, containerDefinitions: [{ name: f, cpu: 2048, memory: 64 }] }
  - { family: db, containerDefinitions: [{ name: d, cpu: 256, memory: 64 }] }
  - { family: sidecar, containerDefinitions: [{ name: s, cpu: 64, memory: 64 }] }
workload:
  - { taskDefinition: filler, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 100 } }
  - taskDefinition: sidecar
    arrival: { type: burst, at: 1, count: 1 }
    duration: { type: constant, value: 30m }
    placementConstraints: [{ type: memberOf, expression: "task:group == family:db" }]
  - { taskDefinition: db, arrival: { type: burst, at: 2, count: 1 }, duration: { type: constant, value: 30m } }
strategies:
  - { name: s, placementStrategy: [{ type: first-fit }] }
`);
    expect(running.map((e) => [e.time, e.family])).toEqual([
      [0, "filler"],
      [100, "db"],
      [100, "sidecar"],
    ]);
  });

  it("accepts placement settings pasted in the ECS API JSON shape", () => {
    // placementConstraints / placementStrategy exactly as in a CreateService request body.
    const { result, running } = run(
      BASE(`workload:
  - {
      "taskDefinition": "db",
      "arrival": { "type": "burst", "at": 0, "count": 3 },
      "duration": { "type": "constant", "value": 7200 },
      "placementConstraints": [
        { "expression": "attribute:ecs.instance-type =~ m5.*", "type": "memberOf" },
        { "type": "distinctInstance" }
      ]
    }
strategies:
  - {
      "name": "pasted",
      "placementStrategy": [
        { "field": "attribute:ecs.availability-zone", "type": "spread" },
        { "field": "memory", "type": "binpack" }
      ]
    }
`),
    );
    expect(running.map((e) => e.instance).sort()).toEqual(
      ["i-0e220a8397b1dcdaf", "i-06e789e6aa1b965f4"].sort(),
    );
    expect(result.metrics.tasks.pendingAtEnd).toBe(1);
    expect(result.metrics.waitReasons).toEqual({ "CONSTRAINT:distinctInstance": 1 });
  });

  it("reports bad expressions, misplaced constraint types and too many constraints at their field", () => {
    const many = Array.from({ length: 6 }, () => '{ type: memberOf, expression: "attribute:a exists" }').join(
      ", ",
    );
    const lines = problems(
      BASE(`workload:
  - taskDefinition: db
    arrival: { type: burst, at: 0, count: 1 }
    duration: { type: constant, value: 1m }
    placementConstraints: [{ type: memberOf, expression: "attribute:x =! 1" }]
  - taskDefinition: web
    arrival: { type: burst, at: 0, count: 1 }
    duration: { type: constant, value: 1m }
    placementConstraints: [${many}]
strategies:
  - name: s
    placementConstraints: [${many}]
  - name: t
    placementStrategy: [{ type: binpack, field: cpu }, { type: random }, { type: random }, { type: random }, { type: random }, { type: random }]
`).replace(
        "containerDefinitions:\n      - { name: db",
        "placementConstraints: [{ type: distinctInstance }]\n    containerDefinitions:\n      - { name: db",
      ),
    );
    expect(lines).toEqual([
      "s.yaml:13:30 taskDefinitions[1].placementConstraints[0].type: a task definition accepts only memberOf constraints",
      's.yaml:23:46 workload[0].placementConstraints[0].expression: cannot parse "attribute:x =! 1": column 13: expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~ (or equals, not_equals, ...)), found "=!"',
      "s.yaml:30:5 strategies[0].placementConstraints: tasks of workload 1 would carry 12 placement constraints with this strategy's; ECS allows at most 10",
      "s.yaml:32:5 strategies[1].placementStrategy: a chain holds at most 5 strategies (got 6)",
    ]);
  });
});
