import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RebalanceView, TaskMove } from "../../src/placement/rebalance-api.ts";
import { defineStrategy, StrategyError } from "../../src/placement/strategy.ts";
import type { StrategySpec } from "../../src/placement/strategy-spec.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { compileObject, problemsOf } from "../helpers/scenario.ts";

const MOVED = "Rebalancing: task moved to another instance";
type Hook = (view: RebalanceView, now: number) => readonly TaskMove[] | unknown;

// Three m5.xlarge (4 vCPU) in three zones, two 2.5-vCPU web tasks spread by instance (i-0e220a8397b1dcdaf, i-06e789e6aa1b965f4), and one
// standalone job; a 30 s startup time.
const text = (deployment = "", extra = "") => `name: moves
horizon: 600s
startupTime: { type: constant, value: 30s }
cluster:
  instances:
    - { name: g, type: m5.xlarge, count: 3, zones: [us-east-1a, us-east-1b, us-east-1c] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 2560, memory: 1024 }]
  - family: big
    containerDefinitions: [{ name: app, cpu: 3072, memory: 2048 }]
services:
  - { name: web, taskDefinition: web, desiredCount: 2${deployment} }
${extra}strategies:
  - { name: s, placementStrategy: [{ type: spread, field: instanceId }] }
`;

/** Runs the scenario's first strategy with `hook` as the rebalance hook of a strategy file in its chain. */
function withHook(hook: Hook, scenarioText = text(), every = 60) {
  const sc = loadScenarioText("t.yaml", scenarioText).scenario;
  const base = sc.strategies[0]!;
  const file = defineStrategy({ name: "mover", rebalance: (v, now) => hook(v, now) as TaskMove[] });
  const strategy: StrategySpec = {
    ...base,
    placementStrategy: [...base.placementStrategy, { type: "./mover.ts" }],
    rebalance: { rebalancer: "strategy-file", every, maxInstances: 1, belowReserved: 0.5 },
    modules: new Map([["./mover.ts", file]]),
  };
  const log = new MemoryLog();
  const run = simulate(sc, strategy, sc.seed, { log });
  return { run, log, d: run.metrics.dynamics! };
}

/** A hook that acts once, at its first call. */
function once(f: (v: RebalanceView) => unknown): Hook {
  let done = false;
  return (v) => {
    if (done) return [];
    done = true;
    return f(v);
  };
}

const webOn = (v: RebalanceView, instance: number) =>
  v.serviceTasks("web").find((t) => t.instance === instance)!;

describe("rebalance hook: task moves", () => {
  it("start first: the replacement starts on the named instance, the task stops once it is RUNNING", () => {
    const { log, d } = withHook(once((v) => [{ task: webOn(v, 0).id, to: 2 }]));
    const moved = log.entries.filter((e) => e.time >= 60 && e.family === "web");
    expect(moved.map((e) => [e.time, e.instance, e.state, e.reason])).toEqual([
      [60, undefined, "PENDING", undefined],
      [60, "i-006c45d188009454f", "PROVISIONING", undefined],
      [90, "i-006c45d188009454f", "RUNNING", undefined],
      [90, "i-0e220a8397b1dcdaf", "STOPPED", MOVED],
    ]);
    expect(d.tasksMoved).toBe(1);
    expect(d.movesRejected).toBe(0);
    // only the first 30 s of the run, both tasks starting: the move itself costs nothing
    expect(d.services.web!.taskSecondsBelowDesired).toBe(60);
  });

  it("stop first when maximumPercent leaves no room: costs one startup time of one task", () => {
    // The hook runs at 120 s, when both tasks (RUNNING at 30 s) count toward minimumHealthyPercent.
    const r = withHook(
      once((v) => [{ task: webOn(v, 0).id, to: 2 }]),
      text(", deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 }"),
      120,
    );
    const moved = r.log.entries.filter((e) => e.time >= 60 && e.family === "web" && e.state !== "PENDING");
    expect(moved.map((e) => [e.time, e.instance, e.state])).toEqual([
      [120, "i-0e220a8397b1dcdaf", "STOPPED"],
      [120, "i-006c45d188009454f", "PROVISIONING"],
      [150, "i-006c45d188009454f", "RUNNING"],
    ]);
    // 30 s at one task short (the first 30 s of the run, before both tasks started, add 2 x 30)
    expect(r.d.services.web!.taskSecondsBelowDesired).toBe(60 + 30);
    expect(r.d.tasksMoved).toBe(1);
  });

  it.each([
    // 100/100: no room to start first, no task to spare to stop first.
    ["the deployment limits forbid it (100/100)", 100, 100],
    // 50/100 at 60 s: the tasks RUNNING since 30 s count toward minimumHealthyPercent only at 70 s (40 s).
    ["no task counts as healthy yet to stop first (50/100 at 60 s)", 50, 100],
  ])("refuses a move when %s", (_, min, max) => {
    const r = withHook(
      once((v) => [{ task: webOn(v, 0).id, to: 2 }]),
      text(`, deploymentConfiguration: { minimumHealthyPercent: ${min}, maximumPercent: ${max} }`),
    );
    expect(r.d.tasksMoved).toBe(0);
    expect(Object.keys(r.d.moveRejections)).toEqual([
      "deployment limits (no room below maximumPercent, no task to spare above minimumHealthyPercent)",
    ]);
  });

  it("counts every bad move by reason and never ends the run", () => {
    const job = `workload:
  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1h } }
`;
    let calls = 0;
    const r = withHook(
      (v) => {
        calls++;
        if (calls === 2) return "nonsense";
        if (calls > 2) return [];
        const web = webOn(v, 0);
        const standalone = v.tasks.find((t) => t.service === null)!;
        return [
          null,
          42,
          { task: 999 },
          { task: "t-000001" },
          { task: standalone.id, to: 1 },
          { task: web.id, to: 99 },
          { task: web.id, to: -1 },
          { task: web.id, to: 1.5 },
          { task: web.id, to: 0 },
        ];
      },
      text("", job),
    );
    expect(r.d.moveRejections).toEqual({
      "already on that instance": 1,
      "not a list of moves": 1,
      "not a move ({ task, to })": 2,
      "standalone task": 1,
      "unknown instance": 3,
      "unknown task (not placed at the call)": 2,
    });
    expect(r.d.movesRejected).toBe(Object.values(r.d.moveRejections).reduce((a, b) => a + b, 0));
    // below desired only while both tasks start (30 s of 600)
    expect(r.run.metrics.dynamics!.services.web!.availability).toBeCloseTo(1 - 30 / 600, 12);
  });

  it("a move onto an instance without room is refused as does-not-fit", () => {
    // Both web tasks (2.5 vCPU each) asked onto the one instance without one (4 vCPU): one fits.
    const r = withHook(
      once((v) => {
        const used = new Set(v.serviceTasks("web").map((t) => t.instance));
        const target = [0, 1, 2].find((i) => !used.has(i))!;
        return v.serviceTasks("web").map((t) => ({ task: t.id, to: target }));
      }),
    );
    expect(r.d.tasksMoved).toBe(1);
    expect(r.d.moveRejections).toEqual({ "does not fit (RESOURCE:CPU)": 1 });
  });

  it("a task already moving is not moved again; maxMoves caps a round", () => {
    const r = withHook(
      once((v) => {
        const t = webOn(v, 0);
        return [
          { task: t.id, to: 2 },
          { task: t.id, to: 1 },
        ];
      }),
    );
    expect(r.d.tasksMoved).toBe(1);
    expect(r.d.moveRejections).toEqual({ "task already moving": 1 });
  });

  it("a throwing hook ends the run as a strategy fault naming the strategy and the time", () => {
    expect(() =>
      withHook(() => {
        throw new Error("boom");
      }),
    ).toThrow(StrategyError);
    expect(() =>
      withHook(() => {
        throw new Error("boom");
      }),
    ).toThrow(/strategy "s" mover\.rebalance threw boom at t=60s/);
  });

  it("the view shows placed tasks with their service, zone and state", () => {
    let seen: unknown;
    withHook(
      once((v) => {
        seen = v.tasks.map((t) => [t.id, t.service, t.instance, t.zone, t.state, t.moving]);
        return [];
      }),
    );
    // spread by instance: the two tasks (ids 0 and 1, in either order) on two instances
    const rows = seen as [number, string, number, string, string, boolean][];
    expect(rows.map((t) => t[0]).sort()).toEqual([0, 1]);
    expect(rows.map((t) => t.slice(1))).toEqual(
      rows.map((t) => ["web", t[2], ["us-east-1a", "us-east-1b", "us-east-1c"][t[2]], "RUNNING", false]),
    );
    expect(rows[0]![2]).toBeLessThan(rows[1]![2]);
  });
});

/** RUNNING tasks of a family per zone after every log entry at or after `from`. */
function zoneCounts(log: MemoryLog, family: string, zones: string[]): number[][] {
  const per = new Map<string, number>();
  const where = new Map<string, string>();
  const out: number[][] = [];
  for (const e of log.entries) {
    if (e.family !== family || !e.task) continue;
    if (e.state === "RUNNING") {
      per.set(e.zone!, (per.get(e.zone!) ?? 0) + 1);
      where.set(e.task, e.zone!);
    } else if (e.state === "STOPPED" && where.has(e.task)) {
      const z = where.get(e.task)!;
      where.delete(e.task);
      per.set(z, per.get(z)! - 1);
    } else continue;
    out.push(zones.map((z) => per.get(z) ?? 0));
  }
  return out;
}

describe("az-balance", () => {
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
  const shipped = (name: string) => {
    const sc = loadScenarioText(
      "az.yaml",
      `name: az
horizon: 1h
startupTime: { type: constant, value: 20s }
cluster:
  instances:
    - { name: g, type: m5.xlarge, count: 6, zones: [us-east-1a, us-east-1b, us-east-1c] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 512, memory: 1024 }]
services:
  - { name: web, taskDefinition: web, desiredCount: 7 }
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
  - name: binpack+az-balance
    placementStrategy: [{ type: binpack, field: memory }]
    rebalance: { rebalancer: az-balance, every: 5m, maxMoves: 2 }
`,
    ).scenario;
    const log = new MemoryLog();
    const run = simulate(sc, sc.strategies.find((s) => s.name === name)!, sc.seed, { log });
    return { run, log, d: run.metrics.dynamics! };
  };

  it("binpack packs the service into one zone; az-balance spreads it to 3/2/2, two moves a round", () => {
    const plain = shipped("binpack");
    const balanced = shipped("binpack+az-balance");
    // all 7 tasks (3.5 vCPU, 7 GiB) fit one instance under binpack
    expect(
      zoneCounts(plain.log, "web", zones)
        .at(-1)!
        .filter((n) => n > 0),
    ).toEqual([7]);
    const end = zoneCounts(balanced.log, "web", zones).at(-1)!;
    expect([...end].sort()).toEqual([2, 2, 3]);
    // 7 -> 5/1/1 (round 1, two moves) -> 3/2/2 (round 2, two more): 4 moves, at 300 s and 600 s
    expect(balanced.d.tasksMoved).toBe(4);
    const starts = balanced.log.entries.filter(
      (e) => e.family === "web" && e.state === "PENDING" && e.time > 0,
    );
    expect(starts.map((e) => e.time)).toEqual([300, 300, 600, 600]);
    // start first: the service never runs fewer than 7 tasks once up
    const running = zoneCounts(balanced.log, "web", zones).map((c) => c[0]! + c[1]! + c[2]!);
    expect(Math.min(...running.slice(running.indexOf(7)))).toBe(7);
    expect(balanced.d.services.web!.zoneImbalance).toBeLessThan(plain.d.services.web!.zoneImbalance / 2);
    expect(balanced.d.services.web!.taskSecondsBelowDesired).toBe(
      plain.d.services.web!.taskSecondsBelowDesired,
    );
  });
});

describe("property: task moves keep deployment limits and never over-commit an instance", () => {
  const arb = fc.record({
    seed: fc.integer({ min: 0, max: 1000 }),
    count: fc.integer({ min: 2, max: 7 }),
    desired: fc.integer({ min: 1, max: 12 }),
    cpu: fc.constantFrom(512, 1024, 2048),
    memory: fc.constantFrom(1024, 2048, 4096),
    minHealthy: fc.constantFrom(0, 50, 100),
    maxPercent: fc.constantFrom(100, 150, 200),
    outage: fc.boolean(),
    picks: fc.array(fc.tuple(fc.nat(30), fc.integer({ min: -2, max: 9 })), { maxLength: 8 }),
    builtIn: fc.boolean(),
  });

  it("RUNNING >= ceil(desired x minimumHealthyPercent) at every move stop; live <= maximumPercent; reservations fit", () => {
    fc.assert(
      fc.property(arb, (p) => {
        const maxPercent = Math.max(p.maxPercent, p.minHealthy, 100);
        const scenario = compileObject({
          name: "prop",
          seed: p.seed,
          horizon: 5400,
          startupTime: { type: "uniform", min: 5, max: 90 },
          cluster: {
            instances: [
              {
                name: "g",
                type: "m5.xlarge",
                count: p.count,
                zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
              },
            ],
          },
          taskDefinitions: [
            { family: "web", containerDefinitions: [{ name: "a", cpu: p.cpu, memory: p.memory }] },
            { family: "job", containerDefinitions: [{ name: "a", cpu: 512, memory: 512 }] },
          ],
          services: [
            {
              name: "web",
              taskDefinition: "web",
              desiredCount: p.desired,
              deploymentConfiguration: { minimumHealthyPercent: p.minHealthy, maximumPercent: maxPercent },
            },
          ],
          workload: [
            {
              taskDefinition: "job",
              arrival: { type: "poisson", ratePerHour: 20 },
              duration: { type: "exponential", mean: 600 },
            },
          ],
          ...(p.outage ? { failures: { zoneOutages: [{ zone: "us-east-1a", at: 1200, for: 900 }] } } : {}),
          strategies: [{ name: "s", placementStrategy: [{ type: "binpack", field: "memory" }] }],
        });
        const base = scenario.strategies[0]!;
        // Random moves, good and bad: a task by position (or an unknown id), an instance (or none, or bad).
        const random = defineStrategy({
          name: "random-mover",
          rebalance: (v) =>
            p.picks.map(([k, to]) => ({
              task: k < v.tasks.length ? v.tasks[k]!.id : 10_000 + k,
              ...(to === -2 ? {} : { to }),
            })),
        });
        const strategy: StrategySpec = p.builtIn
          ? {
              ...base,
              rebalance: {
                rebalancer: "az-balance",
                every: 120,
                maxInstances: 1,
                belowReserved: 0.5,
                maxMoves: 5,
              },
            }
          : {
              ...base,
              placementStrategy: [...base.placementStrategy, { type: "./random.ts" }],
              rebalance: { rebalancer: "strategy-file", every: 120, maxInstances: 1, belowReserved: 0.5 },
              modules: new Map([["./random.ts", random]]),
            };
        const log = new MemoryLog();
        simulate(scenario, strategy, p.seed, { log });
        const reg = scenario.instanceTypes.find((t) => t.name === "m5.xlarge")!;
        const lower = Math.ceil((p.desired * p.minHealthy) / 100);
        const upper = Math.floor((p.desired * maxPercent) / 100);
        const size = (family: string | undefined) =>
          family === "web" ? { cpu: p.cpu, memory: p.memory } : { cpu: 512, memory: 512 };
        const used = new Map<string, { cpu: number; memory: number }>();
        const holding = new Map<string, string>();
        const live = new Set<string>();
        const running = new Set<string>();
        let lastTime = -1;
        for (const e of log.entries) {
          if (e.time !== lastTime) {
            // after every instant: the service's live tasks within maximumPercent
            expect(live.size).toBeLessThanOrEqual(upper);
            lastTime = e.time;
          }
          if (!e.task) continue;
          const web = e.family === "web";
          if (web && e.state === "PENDING") live.add(e.task);
          if ((e.state === "PROVISIONING" || e.state === "RUNNING") && !holding.has(e.task)) {
            holding.set(e.task, e.instance!);
            const u = used.get(e.instance!) ?? { cpu: 0, memory: 0 };
            u.cpu += size(e.family).cpu;
            u.memory += size(e.family).memory;
            used.set(e.instance!, u);
            expect(u.cpu).toBeLessThanOrEqual(reg.cpu);
            expect(u.memory).toBeLessThanOrEqual(reg.memory);
          }
          if (web && e.state === "RUNNING") running.add(e.task);
          if (e.state === "STOPPED") {
            const at = holding.get(e.task);
            if (at) {
              const u = used.get(at)!;
              u.cpu -= size(e.family).cpu;
              u.memory -= size(e.family).memory;
              holding.delete(e.task);
            }
            if (web) live.delete(e.task);
            if (web && running.delete(e.task) && e.reason === MOVED)
              expect(running.size).toBeGreaterThanOrEqual(lower);
          }
        }
      }),
      { numRuns: 40, seed: 20261201 },
    );
  });
});

describe("rebalance settings", () => {
  it("rebalancer strategy-file without a strategy file in the chain is a file:line:col problem", () => {
    const problems = problemsOf(
      text().replace(
        "  - { name: s, placementStrategy: [{ type: spread, field: instanceId }] }",
        "  - { name: s, placementStrategy: [{ type: spread, field: instanceId }], rebalance: { rebalancer: strategy-file } }",
      ),
    );
    expect(problems).toEqual([
      "s.yaml:15:87 strategies[0].rebalance.rebalancer: strategy-file runs the rebalance(view, now) hook of a strategy file in placementStrategy, and this chain names none",
    ]);
  });
});
