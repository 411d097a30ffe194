import { describe, expect, it } from "vitest";
import { dynamicsOf, runText } from "./run-scenario.ts";

// Two spot m5.large (2 vCPU), 2 minutes to launch; a service of two 1.5-vCPU tasks (one per instance, no
// room for a third). One instance is interrupted at 1 h; EC2 sends a rebalance recommendation 10 min before.
const scenario = (capacityRebalance: boolean) => `name: capacity-rebalance
horizon: 2h
cluster:
  instances:
    - { name: spot, type: m5.large, count: 2, spot: true, launchDelay: 2m, capacityRebalance: ${capacityRebalance} }
taskDefinitions:
  - { family: web, containerDefinitions: [{ name: a, cpu: 1536, memory: 1024 }] }
services:
  - { name: web, taskDefinition: web, desiredCount: 2 }
failures:
  spotInterruptions: [{ group: spot, at: 1h, count: 1, rebalanceRecommendation: 10m }]
strategies:
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

describe("Capacity Rebalancing on a rebalance recommendation", () => {
  it("without it: the warning drains, the task has nowhere to go, and is lost at the reclaim", () => {
    const r = runText(scenario(false));
    const d = dynamicsOf(r);
    expect(d.rebalanceRecommendations).toBe(1);
    expect(d.capacityRebalances).toBe(0);
    expect(d.tasksLost).toBe(1);
    // reclaimed at 1h02, its replacement launched then is ACTIVE at 1h04: one task short for 2 minutes
    expect(d.services.web!.secondsBelowDesired).toBe(120);
    const gone = r.log.entries.filter((e) => e.state === "GONE");
    expect(gone.map((e) => [e.time, e.reason])).toEqual([[3720, "spot reclaimed"]]);
  });

  it("with it: a replacement launches at the recommendation, the task moves there, no task is lost", () => {
    const r = runText(scenario(true));
    const d = dynamicsOf(r);
    expect(d.rebalanceRecommendations).toBe(1);
    expect(d.capacityRebalances).toBe(1);
    expect(d.tasksLost).toBe(0);
    expect(d.services.web!.availability).toBe(1);
    // recommended at 50 min: launched then, ACTIVE at 52 min; the at-risk instance drains, the service
    // starts its task on the new instance (no startup time), stops the old one once the new one counts
    // toward minimumHealthyPercent (40 s: 52m40s), and the empty instance is terminated at the next 30 s
    // check (53 min), before its interruption (whose warning then finds it gone)
    const launched = r.log.entries.filter((e) => e.state === "LAUNCHING");
    expect(launched.map((e) => e.time)).toEqual([3000]);
    const drained = r.log.entries.filter((e) => e.state === "DRAINING");
    expect(drained.map((e) => [e.time, e.reason])).toEqual([
      [3120, "capacity rebalancing: replacement in service"],
    ]);
    const gone = r.log.entries.filter((e) => e.state === "GONE");
    expect(gone.map((e) => [e.time, e.reason])).toEqual([[3180, "scale-in"]]);
    expect(d.spotInterruptions).toBe(0);
    expect(r.run.dynamics!.scaleEvents.map((e) => [e.time, e.from, e.to, e.cause])).toEqual([
      [3000, 2, 3, "rebalance"],
      [3180, 3, 2, "rebalance"],
    ]);
    // two instances at the end: the group did not replace the at-risk one a second time
    expect(r.run.dynamics!.instancesByGroup.spot!.at(-1)).toBe(2);
  });

  it("a standalone task on the at-risk instance is still lost (it cannot move): the limit, measured", () => {
    const text = scenario(true)
      .replace("desiredCount: 2", "desiredCount: 0")
      .replace(
        "failures:",
        `workload:
  - { taskDefinition: web, arrival: { type: burst, at: 0, count: 2 }, duration: { type: constant, value: 3h } }
failures:`,
      );
    const d = dynamicsOf(runText(text));
    expect(d.capacityRebalances).toBe(1);
    expect(d.tasksLost).toBe(1);
  });

  it("capacityRebalance on an on-demand group is a problem", () => {
    expect(() => runText(scenario(true).replace("spot: true, ", ""))).toThrow(
      /capacityRebalance: Capacity Rebalancing replaces at-risk Spot Instances: set spot: true/,
    );
  });
});
