import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { rebalanceMoves, zoneSpreadFirst } from "../../src/sim/az-rebalancing.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { dynamicsOf, runText, type TestRun } from "./run-scenario.ts";

describe("rebalancing arithmetic", () => {
  it("counts the moves to a spread where no two zones differ by more than one", () => {
    expect(rebalanceMoves([3, 3, 3])).toBe(0);
    expect(rebalanceMoves([4, 3, 3])).toBe(0);
    expect(rebalanceMoves([5, 4, 0])).toBe(3); // -> 3, 3, 3
    expect(rebalanceMoves([4, 2, 2])).toBe(1); // 8 over 3: -> 3, 3, 2
    expect(rebalanceMoves([9, 0])).toBe(4); // -> 5, 4
    expect(rebalanceMoves([7])).toBe(0);
  });

  it("acts only behind a zone spread as the first placement step", () => {
    expect(zoneSpreadFirst([{ type: "spread", field: "attribute:ecs.availability-zone" }])).toBe(true);
    expect(zoneSpreadFirst([{ type: "binpack", field: "memory" }])).toBe(false);
    expect(
      zoneSpreadFirst([
        { type: "spread", field: "instanceId" },
        { type: "spread", field: "attribute:ecs.availability-zone" },
      ]),
    ).toBe(false);
  });
});

/** RUNNING tasks of a family per zone after every log entry, with the entry's time. */
function zoneTimeline(r: TestRun, family: string): { time: number; perZone: Map<string, number> }[] {
  const zoneOf = new Map<string, string>();
  const perZone = new Map<string, number>();
  const out: { time: number; perZone: Map<string, number> }[] = [];
  for (const e of r.log.entries) {
    if (e.family !== family || !e.task) continue;
    if (e.state === "RUNNING") {
      zoneOf.set(e.task, e.zone!);
      perZone.set(e.zone!, (perZone.get(e.zone!) ?? 0) + 1);
    } else if (e.state === "STOPPED" && zoneOf.has(e.task)) {
      const z = zoneOf.get(e.task)!;
      perZone.set(z, perZone.get(z)! - 1);
      zoneOf.delete(e.task);
    } else continue;
    out.push({ time: e.time, perZone: new Map(perZone) });
  }
  return out;
}

const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
const counts = (m: Map<string, number>) => ZONES.map((z) => m.get(z) ?? 0);
const running = (m: Map<string, number>) => counts(m).reduce((a, b) => a + b, 0);

function runShipped(strategy: number): TestRun {
  const loaded = loadScenarioFile("scenarios/az-rebalancing.yaml");
  const sc = loaded.scenario;
  const log = new MemoryLog();
  return { loaded, log, run: simulate(sc, sc.strategies[strategy]!, sc.seed, { log }) };
}

describe("scenarios/az-rebalancing.yaml: an AZ outage and its recovery", () => {
  const back = 2 * 3600 + 180; // zone a relaunched at 2h, ACTIVE after 2 min launch + 1 min warm-up
  const spread = runShipped(0);

  it("with rebalancing the service ends balanced; without, the recovered zone stays empty", () => {
    expect(counts(zoneTimeline(spread, "api").at(-1)!.perZone)).toEqual([3, 3, 3]);
    expect(counts(zoneTimeline(spread, "api-static").at(-1)!.perZone)[0]).toBe(0);
    const d = dynamicsOf(spread).services;
    expect(d.api!.rebalanceMoves).toBe(3);
    expect(d["api-static"]!.rebalanceMoves).toBe(0);
    expect(d.api!.zoneImbalance).toBeLessThan(d["api-static"]!.zoneImbalance / 5);
  });

  it("balance returns in one batch: when the last extra task in the recovered zone is RUNNING", () => {
    const after = zoneTimeline(spread, "api").filter((p) => p.time >= back);
    const balancedAt = after.find(
      (p) => Math.max(...counts(p.perZone)) - Math.min(...counts(p.perZone)) <= 1,
    )!;
    const extras = spread.log.entries.filter(
      (e) => e.family === "api" && e.state === "RUNNING" && e.zone === "us-east-1a" && e.time >= back,
    );
    expect(extras).toHaveLength(3);
    expect(balancedAt.time).toBe(Math.max(...extras.map((e) => e.time)));
    // and it stays balanced to the end
    for (const p of after.filter((p) => p.time >= balancedAt.time))
      expect(Math.max(...counts(p.perZone)) - Math.min(...counts(p.perZone))).toBeLessThanOrEqual(1);
  });

  it("start-first: RUNNING never drops below desiredCount while tasks move", () => {
    const during = zoneTimeline(spread, "api").filter((p) => p.time >= back);
    expect(Math.min(...during.map((p) => running(p.perZone)))).toBe(9);
    const stops = spread.log.entries.filter((e) => e.reason?.startsWith("AZ rebalancing"));
    expect(stops.map((e) => e.zone).every((z) => z !== "us-east-1a")).toBe(true);
  });

  it("binpack is not compatible with AZ rebalancing: nothing moves", () => {
    expect(dynamicsOf(runShipped(1)).services.api!.rebalanceMoves).toBe(0);
  });
});

const stopFirst = `name: stop-first
horizon: 2h
cluster:
  instances:
    - { name: a, type: m5.xlarge, count: 1, zones: [us-east-1a], launchDelay: 1m }
    - { name: bc, type: m5.xlarge, count: 2, zones: [us-east-1b, us-east-1c] }
taskDefinitions:
  - family: api
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
services:
  - name: api
    taskDefinition: api
    desiredCount: 6
    deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 }
    availabilityZoneRebalancing: ENABLED
failures:
  zoneOutages: [{ zone: us-east-1a, at: 10m, for: 20m }]
strategies:
  - { name: spread-az, placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }] }
`;

describe("no room above desiredCount (maximumPercent 100)", () => {
  const r = runText(stopFirst);

  it("stops first from the fullest zones, never below minimumHealthyPercent, and ends balanced", () => {
    const back = 30 * 60 + 60;
    const after = zoneTimeline(r, "api").filter((p) => p.time >= back);
    expect(Math.min(...after.map((p) => running(p.perZone)))).toBeGreaterThanOrEqual(3); // ceil(6 x 50%)
    expect(counts(after.at(-1)!.perZone)).toEqual([2, 2, 2]);
    expect(dynamicsOf(r).services.api!.rebalanceMoves).toBe(2);
  });
});

describe("scenario checks", () => {
  it("a DAEMON service cannot ask for AZ rebalancing", () => {
    expect(() =>
      runText(
        stopFirst
          .replace("desiredCount: 6\n", "schedulingStrategy: DAEMON\n")
          .replace(/ {4}deploymentConfiguration.*\n/, ""),
      ),
    ).toThrow(/services\[0\]\.availabilityZoneRebalancing: a DAEMON service/);
  });
});
