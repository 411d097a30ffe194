/**
 * Spot instance draining as an option (container-instance-spot.md: ECS_ENABLE_SPOT_INSTANCE_DRAINING).
 * i-0e220a8397b1dcdaf is a spot m5.large (i-06e789e6aa1b965f4 and i-006c45d188009454f on-demand); it gets the two-minute warning at 10m and is
 * reclaimed at 12m. The api service runs one task per instance (first-fit: i-0e220a8397b1dcdaf, i-06e789e6aa1b965f4).
 */
import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { InputError } from "../../src/scenario/problems.ts";
import { dynamicsOf, runText } from "./run-scenario.ts";

const scenario = (draining: string) => `name: t
horizon: 30m
startupTime: { type: constant, value: 30s }
cluster:
  instances:
    - { name: spot, type: m5.large, count: 1, spot: true, zones: [a]${draining} }
    - { name: od, type: m5.large, count: 2, zones: [a] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: c, cpu: 256, memory: 512 }]
  - family: job
    containerDefinitions: [{ name: c, cpu: 256, memory: 512 }]
services:
  - { name: api, taskDefinition: web, desiredCount: 2, placementConstraints: [{ type: distinctInstance }] }
workload:
  - taskDefinition: job
    arrival: { type: schedule, at: [11m] }
    duration: { type: constant, value: 30m }
failures:
  spotInterruptions: [{ group: spot, at: 10m, count: 1 }]
strategies:
  - { name: first-fit, placementStrategy: [{ type: first-fit }] }
`;

describe("spot instance draining", () => {
  it("on (berth's default): the warning drains the instance, the service replaces its task before the reclaim", () => {
    const r = runText(scenario(""));
    const d = dynamicsOf(r);
    expect(d.tasksLost).toBe(0);
    const draining = r.log.entries.find((e) => e.state === "DRAINING");
    expect([draining?.time, draining?.instance]).toEqual([600, "i-0e220a8397b1dcdaf"]);
    // The api task moves to i-006c45d188009454f during the warning; the job arriving then does not land on i-0e220a8397b1dcdaf.
    const api = r.log.entries
      .filter((e) => e.family === "web" && e.state === "RUNNING")
      .map((e) => e.instance);
    expect(api).toEqual(["i-0e220a8397b1dcdaf", "i-06e789e6aa1b965f4", "i-006c45d188009454f"]);
    const job = r.log.entries.find((e) => e.family === "job" && e.state === "RUNNING");
    expect(job?.instance).toBe("i-06e789e6aa1b965f4");
    // Below desired only while the first tasks start (30 s of 30 min).
    expect(d.services.api!.availability).toBeCloseTo(1 - 30 / 1800, 12);
  });

  it("off: the instance keeps its tasks and takes new ones until reclaimed, and they are lost then", () => {
    const r = runText(scenario(", spotInstanceDraining: false"));
    const d = dynamicsOf(r);
    expect(r.log.entries.some((e) => e.state === "DRAINING" && e.time < 720)).toBe(false);
    // first-fit puts the 11m job on i-0e220a8397b1dcdaf, the warned instance (ECS would too: it is still ACTIVE).
    const job = r.log.entries.find((e) => e.family === "job" && e.state === "RUNNING");
    expect(job?.instance).toBe("i-0e220a8397b1dcdaf");
    // Lost at the reclaim (12m): the api task and the job.
    expect(d.tasksLost).toBe(2);
    // Below desired also while the lost task's replacement starts.
    expect(d.services.api!.availability).toBeCloseTo(1 - 60 / 1800, 12);
  });

  it("is refused on a group that is not spot", () => {
    expect(() =>
      loadScenarioText(
        "s.yaml",
        scenario("").replace("count: 2, zones: [a] }", "count: 2, zones: [a], spotInstanceDraining: true }"),
      ),
    ).toThrow(InputError);
  });
});
