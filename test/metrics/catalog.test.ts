import { describe, expect, it } from "vitest";
import { betterDirection, METRICS, metricInfo } from "../../src/metrics/catalog.ts";
import { metricPathPatterns, metricPaths, serviceMetric } from "../../src/metrics/metric-paths.ts";

describe("metric catalog", () => {
  it("describes every path the recorders produce, and nothing else", () => {
    for (const path of metricPaths()) {
      const m = metricInfo(path);
      expect(m, path).toBeDefined();
      expect(m!.label.length, path).toBeGreaterThan(0);
    }
    const byCause = metricPaths().filter((p) => p.startsWith("fragmentation.strandedByCause."));
    expect(METRICS.map((m) => m.path)).toEqual(metricPaths().filter((p) => !byCause.includes(p)));
    expect(metricInfo("utilization.disk")).toBeUndefined();
    expect(metricInfo("dynamics.services.api.uptime")).toBeUndefined();
  });

  it("derives the open families: failure reasons, stranded capacity by cause, per-service figures", () => {
    expect(metricInfo("failureReasons.RESOURCE:MEMORY")).toMatchObject({ unit: "count", better: "lower" });
    expect(metricInfo("fragmentation.strandedByCause.ports.memory")).toMatchObject({
      unit: "fraction",
      better: "lower",
      label: "stranded memory (ports)",
    });
    const svc = metricInfo("dynamics.services.web.v2.availability")!;
    expect(svc).toMatchObject({ label: "web.v2 availability", unit: "fraction", better: "higher" });
    expect(svc.format(0.9876)).toBe("98.8%");
  });

  it("formats by unit, as the tables show values", () => {
    const f = (path: string, v: number) => metricInfo(path)!.format(v);
    expect(f("utilization.memory", 0.8123)).toBe("81.2%");
    expect(f("placementDelay.p95", 90)).toBe("1.5m");
    expect(f("cost.dollars", 12.345)).toBe("12.35");
    expect(f("fragmentation.packingEfficiency", 1.23456)).toBe("1.235");
    expect(f("instancesInUse.mean", 1234.5)).toBe("1235");
  });
});

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
    const actions = [
      "instancesLaunched",
      "instancesTerminated",
      "scaleOutEvents",
      "scaleInEvents",
      "instancesVacated",
      // an EC2 signal and the group's answer to it (fewer is not better in itself)
      "rebalanceRecommendations",
      "capacityRebalances",
    ];
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
