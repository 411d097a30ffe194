import { describe, expect, it } from "vitest";
import { betterDirection } from "../../src/metrics/metric-direction.ts";
import { metricPathPatterns, metricPaths, serviceMetric } from "../../src/metrics/metric-paths.ts";

describe("betterDirection", () => {
  it("gives dynamics figures their direction: losses and failures lower, availability higher", () => {
    expect(betterDirection("dynamics.tasksLost")).toBe("lower");
    expect(betterDirection("dynamics.startFailures")).toBe("lower");
    expect(betterDirection("dynamics.spotInterruptions")).toBe("lower");
    expect(betterDirection("dynamics.services.api.availability")).toBe("higher");
    expect(betterDirection("dynamics.services.a.b.secondsBelowDesired")).toBe("lower");
    expect(betterDirection("dynamics.services.api.deploymentStalled")).toBe("lower");
    // Actions of the cluster: fewer is not better in itself.
    expect(betterDirection("dynamics.instancesLaunched")).toBeUndefined();
    expect(betterDirection("dynamics.scaleInEvents")).toBeUndefined();
  });

  it("has an entry for every dynamics count, so none silently lacks a direction", () => {
    const counts = metricPaths().filter((p) => p.startsWith("dynamics."));
    expect(counts).toContain("dynamics.tasksLost");
    expect(counts).toContain("dynamics.scaleOutEvents");
    const actions = ["instancesLaunched", "instancesTerminated", "scaleOutEvents", "scaleInEvents"];
    for (const p of counts)
      if (!actions.includes(p.slice("dynamics.".length))) expect(betterDirection(p), p).toBe("lower");
    for (const p of metricPathPatterns().filter((x) => x.includes("<service>")))
      expect(betterDirection(p.replace("<service>", "s")), p).toBeDefined();
  });
});

describe("serviceMetric", () => {
  it("splits the service name (which may hold dots) from the figure", () => {
    expect(serviceMetric("dynamics.services.web.v2.replacements")).toEqual({
      service: "web.v2",
      field: "replacements",
    });
    expect(serviceMetric("dynamics.services.availability")).toBeUndefined();
    expect(serviceMetric("dynamics.services..availability")).toBeUndefined();
    expect(serviceMetric("dynamics.services.api.uptime")).toBeUndefined();
    expect(serviceMetric("dynamics.tasksLost")).toBeUndefined();
  });
});
