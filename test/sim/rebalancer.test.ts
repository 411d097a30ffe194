import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { compileObject } from "../helpers/scenario.ts";
import { dynamicsOf, runText, type TestRun } from "./run-scenario.ts";

const MOVED = "Rebalancing: moved off a vacated instance";

// Three m5.xlarge (4 vCPU each), four 1-vCPU service tasks spread by instance: 2, 1, 1.
const small = (extra = "") => `name: defrag
horizon: 600s
cluster:
  instances:
    - { name: g, type: m5.xlarge, count: 3, minSize: 1 }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: app, cpu: 1024, memory: 1024 }]
  - family: job
    containerDefinitions: [{ name: job, cpu: 256, memory: 256 }]
services:
  - { name: web, taskDefinition: web, desiredCount: 4 }
${extra}strategies:
  - name: spread+defrag
    placementStrategy: [{ type: spread, field: instanceId }]
    rebalance: { rebalancer: drain-emptiest, every: 60s, maxInstances: 1, belowReserved: 0.5 }
`;

/** RUNNING tasks of a family after each log entry. */
function runningOver(r: TestRun, family: string): number[] {
  let n = 0;
  const out: number[] = [];
  const placed = new Set<string>();
  for (const e of r.log.entries) {
    if (e.family !== family || !e.task) continue;
    if (e.state === "RUNNING") {
      n++;
      placed.add(e.task);
    } else if (e.state === "STOPPED" && placed.delete(e.task)) n--;
    else continue;
    out.push(n);
  }
  return out;
}

describe("drain-emptiest on a hand-built cluster", () => {
  const r = runText(small());
  const gone = r.log.entries.filter((e) => e.state === "GONE");

  it("vacates the least-reserved instance at the first round and retires it at the next check", () => {
    // i-0e220a8397b1dcdaf holds two tasks; i-06e789e6aa1b965f4 and i-006c45d188009454f one each (25% reserved): the lower id goes first.
    const drained = r.log.entries.filter((e) => e.state === "DRAINING");
    expect(drained.map((e) => [e.time, e.instance])).toEqual([[60, "i-06e789e6aa1b965f4"]]);
    // Its task's replacement runs at 60 and counts 40 s later (no health checks): the task stops at 100,
    // and the empty instance is retired at the next check.
    expect(gone.map((e) => [e.time, e.instance, e.reason])).toEqual([
      [120, "i-06e789e6aa1b965f4", "scale-in"],
    ]);
    const d = dynamicsOf(r);
    expect(d.instancesVacated).toBe(1);
    expect(d.tasksMoved).toBe(1);
    expect(d.instancesTerminated).toBe(1);
    expect(d.stopReasons[MOVED]).toBe(1);
    expect(r.run.dynamics!.scaleEvents).toEqual([
      { time: 120, group: "g", provider: null, direction: "in", from: 3, to: 2, cause: "rebalance" },
    ]);
  });

  it("moves start first: the service never runs fewer than desiredCount tasks once up", () => {
    const counts = runningOver(r, "web");
    expect(Math.min(...counts.slice(counts.indexOf(4)))).toBe(4);
  });

  it("stops once the remaining instances are half reserved or more", () => {
    // after the move: 2 + 2 tasks = 50% CPU each, not below 0.5
    expect(r.log.entries.filter((e) => e.state === "DRAINING")).toHaveLength(1);
  });

  it("never vacates an instance holding a standalone task, nor shrinks a group below minSize", () => {
    const withJob = runText(
      small(`workload:
  - { taskDefinition: job, arrival: { type: burst, at: 0, count: 3 }, duration: { type: constant, value: 1h } }
`),
    );
    // every instance gets a standalone job (spread), so nothing can be moved
    expect(dynamicsOf(withJob).instancesVacated).toBe(0);
    const atMin = runText(small().replace("minSize: 1", "minSize: 3"));
    expect(dynamicsOf(atMin).instancesVacated).toBe(0);
  });
});

describe("scenarios/rebalancing.yaml", () => {
  const loaded = loadScenarioFile("scenarios/rebalancing.yaml");
  const sc = loaded.scenario;
  const run = (name: string) => {
    const log = new MemoryLog();
    const strategy = sc.strategies.find((s) => s.name === name)!;
    return { loaded, log, run: simulate(sc, strategy, sc.seed, { log }) } satisfies TestRun;
  };
  const spread = run("spread");
  const defrag = run("spread+defrag");

  it("the defragmenter frees instances and money under spread, at no cost in availability", () => {
    expect(defrag.run.metrics.cost.dollars).toBeLessThan(spread.run.metrics.cost.dollars * 0.75);
    expect(defrag.run.metrics.instancesInUse.mean).toBeLessThan(spread.run.metrics.instancesInUse.mean);
    expect(dynamicsOf(defrag).services.web!.availability).toBe(dynamicsOf(spread).services.web!.availability);
    const d = dynamicsOf(defrag);
    expect(d.tasksMoved).toBe(d.stopReasons[MOVED]);
    expect(d.instancesVacated).toBeGreaterThan(0);
  });

  it("binpack already leaves nothing to defragment (its scale-in empties instances)", () => {
    const withDefrag = sc.strategies.find((x) => x.name === "spread+defrag")!;
    const binpack = {
      ...withDefrag,
      name: "binpack+defrag",
      placementStrategy: [{ type: "binpack", field: "memory" }],
    };
    const r = simulate(sc, binpack, sc.seed, {});
    expect(dynamicsOf({ loaded, log: new MemoryLog(), run: r }).instancesVacated).toBe(0);
  });
});

describe("property: rebalancing keeps deployment limits and never over-commits", () => {
  const arb = fc.record({
    seed: fc.integer({ min: 0, max: 1000 }),
    count: fc.integer({ min: 3, max: 8 }),
    desired: fc.integer({ min: 2, max: 14 }),
    later: fc.integer({ min: 1, max: 14 }),
    cpu: fc.constantFrom(512, 1024, 2048),
    memory: fc.constantFrom(1024, 2048, 4096),
    minHealthy: fc.constantFrom(50, 100),
    maxPercent: fc.constantFrom(100, 150, 200),
    chain: fc.constantFrom(
      [
        { type: "spread", field: "attribute:ecs.availability-zone" },
        { type: "spread", field: "instanceId" },
      ],
      [{ type: "binpack", field: "memory" }],
      [{ type: "spread", field: "instanceId" }],
    ),
    outage: fc.boolean(),
  });

  it("RUNNING stays >= ceil(desired x minimumHealthyPercent) outside outages; reservations fit", () => {
    fc.assert(
      fc.property(arb, (p) => {
        const scenario = compileObject({
          name: "prop",
          seed: p.seed,
          horizon: 7200,
          startupTime: { type: "uniform", min: 5, max: 60 },
          cluster: {
            instances: [
              {
                name: "g",
                type: "m5.xlarge",
                count: p.count,
                minSize: 1,
                zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
                launchDelay: 60,
              },
            ],
          },
          taskDefinitions: [
            { family: "web", containerDefinitions: [{ name: "a", cpu: p.cpu, memory: p.memory }] },
          ],
          services: [
            {
              name: "web",
              taskDefinition: "web",
              desiredCount: p.desired,
              desiredCountChanges: [{ at: 3000, desiredCount: p.later }],
              deploymentConfiguration: {
                minimumHealthyPercent: p.minHealthy,
                maximumPercent: Math.max(p.maxPercent, p.minHealthy),
              },
              availabilityZoneRebalancing: "ENABLED",
            },
          ],
          ...(p.outage ? { failures: { zoneOutages: [{ zone: "us-east-1a", at: 1200, for: 900 }] } } : {}),
          strategies: [
            {
              name: "s",
              placementStrategy: p.chain,
              rebalance: { rebalancer: "drain-emptiest", every: 300, maxInstances: 2, belowReserved: 0.6 },
            },
          ],
        });
        const log = new MemoryLog();
        simulate(scenario, scenario.strategies[0]!, p.seed, { log });
        const reg = scenario.instanceTypes.find((t) => t.name === "m5.xlarge")!;
        const used = new Map<string, { cpu: number; memory: number }>();
        const holding = new Map<string, string>();
        let running = 0;
        let desired = p.desired;
        const runningTasks = new Set<string>();
        for (const e of log.entries) {
          if (e.time >= 3000) desired = p.later;
          if (!e.task) continue;
          if ((e.state === "PROVISIONING" || e.state === "RUNNING") && !holding.has(e.task)) {
            holding.set(e.task, e.instance!);
            const u = used.get(e.instance!) ?? { cpu: 0, memory: 0 };
            u.cpu += p.cpu;
            u.memory += p.memory;
            used.set(e.instance!, u);
            expect(u.cpu).toBeLessThanOrEqual(reg.cpu);
            expect(u.memory).toBeLessThanOrEqual(reg.memory);
          }
          if (e.state === "RUNNING") {
            runningTasks.add(e.task);
            running++;
          }
          if (e.state === "STOPPED") {
            const at = holding.get(e.task);
            if (at) {
              const u = used.get(at)!;
              u.cpu -= p.cpu;
              u.memory -= p.memory;
              holding.delete(e.task);
            }
            if (runningTasks.delete(e.task)) {
              running--;
              // A voluntary stop (a move, a rebalance) never takes RUNNING below the healthy minimum.
              const voluntary = e.reason === MOVED || e.reason?.startsWith("AZ rebalancing");
              if (voluntary)
                expect(running).toBeGreaterThanOrEqual(Math.ceil((desired * p.minHealthy) / 100));
            }
          }
        }
      }),
      { numRuns: 40, seed: 20261201 },
    );
  });
});
