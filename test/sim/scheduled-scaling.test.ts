import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { dynamicsOf, runText, STRATEGIES } from "./run-scenario.ts";

/** One big task fills an m5.large (7985 MiB registered), so each task needs its own instance. */
const scenario = (scaleInAt: number, to: number) => `name: t
horizon: 600s
cluster:
  instances:
    - name: g
      type: m5.large
      count: 1
      launchDelay: 30s
      warmup: 20s
      schedule: [{ at: 100, desiredCapacity: 3 }, { at: ${scaleInAt}, desiredCapacity: ${to} }]
taskDefinitions:
  - family: big
    containerDefinitions: [{ name: app, cpu: 256, memory: 7000 }]
workload:
  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1000 } }
  - { taskDefinition: big, arrival: { type: burst, at: 1, count: 2 }, duration: { type: constant, value: 200 } }
${STRATEGIES}`;

const instanceEvents = (r: ReturnType<typeof runText>) =>
  r.log.entries.filter((e) => e.task === undefined && e.time > 0).map((e) => [e.time, e.instance, e.state]);

describe("scheduled scaling", () => {
  it("launched instances take tasks only after launch delay + warm-up", () => {
    const r = runText(scenario(400, 1));
    expect(instanceEvents(r).slice(0, 4)).toEqual([
      [100, "i-06e789e6aa1b965f4", "LAUNCHING"],
      [100, "i-006c45d188009454f", "LAUNCHING"],
      [150, "i-06e789e6aa1b965f4", "ACTIVE"],
      [150, "i-006c45d188009454f", "ACTIVE"],
    ]);
    // The two pending tasks (submitted at 1) start when the instances turn ACTIVE.
    const starts = r.log.entries.filter((e) => e.state === "RUNNING").map((e) => [e.time, e.instance]);
    expect(starts).toEqual([
      [0, "i-0e220a8397b1dcdaf"],
      [150, "i-06e789e6aa1b965f4"],
      [150, "i-006c45d188009454f"],
    ]);
    expect(r.run.metrics.placementDelay.max).toBe(149);
  });

  it("scale-in terminates empty instances first", () => {
    // At 400 the short tasks (150..350) are done: i-06e789e6aa1b965f4 and i-006c45d188009454f are empty, i-0e220a8397b1dcdaf is busy.
    const r = runText(scenario(400, 1));
    // Both empty: the newer goes first.
    expect(instanceEvents(r).slice(4)).toEqual([
      [400, "i-006c45d188009454f", "GONE"],
      [400, "i-06e789e6aa1b965f4", "GONE"],
    ]);
    const d = dynamicsOf(r);
    expect(d.tasksLost).toBe(0);
    expect(d.instancesTerminated).toBe(2);
    expect(r.run.dynamics!.scaleEvents).toEqual([
      { time: 100, group: "g", provider: null, direction: "out", from: 1, to: 3, cause: "scheduled" },
      { time: 400, group: "g", provider: null, direction: "in", from: 3, to: 1, cause: "scheduled" },
    ]);
  });

  it("without empty instances, scale-in takes the newest and loses its task", () => {
    const r = runText(scenario(300, 2));
    expect(instanceEvents(r).slice(4)).toEqual([[300, "i-006c45d188009454f", "GONE"]]);
    expect(dynamicsOf(r).tasksLost).toBe(1);
    expect(r.run.metrics.instances.peak).toBe(3);
    // Instance-seconds: i-0e220a8397b1dcdaf 0..600, i-006c45d188009454f 100..300, i-06e789e6aa1b965f4 100..600.
    expect(r.run.metrics.cost.instanceHours * 3600).toBeCloseTo(600 + 200 + 500);
  });

  it("scheduled-scale-up.yaml: two scale events a day, nothing pending at the end", () => {
    const { scenario: sc } = loadScenarioFile("scenarios/scheduled-scale-up.yaml");
    for (const s of sc.strategies) {
      const run = simulate(sc, s, sc.seed);
      expect(run.dynamics!.scaleEvents.map((e) => [e.time, e.from, e.to])).toEqual([
        [8 * 3600, 3, 10],
        [18 * 3600, 10, 3],
      ]);
      const series = run.dynamics!.instancesByGroup.workers!;
      expect(Math.max(...series)).toBe(10);
      expect(series[0]).toBe(3);
    }
  });
});
