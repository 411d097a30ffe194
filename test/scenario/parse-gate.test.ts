import { describe, expect, it } from "vitest";
import { parseGate } from "../../src/scenario/parse-gate.ts";

describe("parseGate", () => {
  it("reads absolute gates with numbers, percentages and durations", () => {
    expect(parseGate("fragmentation.strandedMemory < 0.15", "--gate")).toEqual({
      text: "fragmentation.strandedMemory < 0.15",
      origin: "--gate",
      metric: "fragmentation.strandedMemory",
      kind: "absolute",
      op: "<",
      value: 0.15,
    });
    expect(parseGate("utilization.memory of binpack >= 80%", "x")).toMatchObject({
      strategy: "binpack",
      op: ">=",
      value: 0.8,
    });
    expect(parseGate("placementDelay.p95 <= 2m", "x")).toMatchObject({ op: "<=", value: 120 });
    expect(parseGate("failureReasons.RESOURCE:MEMORY of a <= 0", "x")).toMatchObject({
      metric: "failureReasons.RESOURCE:MEMORY",
      value: 0,
    });
  });

  it("reads baseline gates, taking 'worse' from the metric's better direction", () => {
    expect(
      parseGate("placementDelay.p95 of binpack no worse than baseline by more than 10%", "x"),
    ).toMatchObject({ kind: "baseline", strategy: "binpack", worse: "higher", limit: 0.1, relative: true });
    expect(parseGate("utilization.cpu no worse than baseline", "x")).toMatchObject({
      worse: "lower",
      limit: 0,
      relative: false,
    });
    expect(
      parseGate('placementDelay.p50 of "my strategy" no higher than baseline by more than 30s', "x"),
    ).toMatchObject({
      strategy: "my strategy",
      worse: "higher",
      limit: 30,
      relative: false,
    });
  });

  it("reads gates on dynamics counts and on the scenario's services (names may hold dots)", () => {
    expect(parseGate("dynamics.tasksLost of spread < 5", "x")).toMatchObject({
      metric: "dynamics.tasksLost",
      op: "<",
      value: 5,
    });
    expect(parseGate("dynamics.tasksLost no worse than baseline", "x")).toMatchObject({ worse: "higher" });
    const services = ["api", "web.v2"];
    expect(parseGate("dynamics.services.api.availability >= 99.5%", "x", services)).toMatchObject({
      metric: "dynamics.services.api.availability",
      op: ">=",
      value: 0.995,
    });
    expect(
      parseGate(
        "dynamics.services.web.v2.availability no worse than baseline by more than 1%",
        "x",
        services,
      ),
    ).toMatchObject({ worse: "lower", limit: 0.01, relative: true });
    expect(
      parseGate(
        "dynamics.services.api.secondsBelowDesired no worse than baseline by more than 1m",
        "x",
        services,
      ),
    ).toMatchObject({ worse: "higher", limit: 60, relative: false });
    expect(parseGate("dynamics.scaleOutEvents no worse than baseline", "x")).toMatch(/no better direction/);
  });

  it("rejects a service the scenario does not have, and an unknown service figure", () => {
    expect(parseGate("dynamics.services.apx.availability > 0.9", "x", ["api"])).toBe(
      'gate "dynamics.services.apx.availability > 0.9": no service "apx" (services: api)',
    );
    expect(parseGate("dynamics.services.api.availability > 0.9", "x")).toMatch(
      /no service "api" \(the scenario has no services\)$/,
    );
    expect(parseGate("dynamics.services.api.uptime > 0.9", "x", ["api"])).toMatch(
      /unknown metric "dynamics.services.api.uptime" \(known under dynamics: tasksLost, .*services\.<service>\.availability/,
    );
  });

  it("explains what is wrong in one line", () => {
    expect(parseGate("placementDelay.p96 < 3", "x")).toBe(
      'gate "placementDelay.p96 < 3": unknown metric "placementDelay.p96" (known under placementDelay: mean, p50, p95, p99, max)',
    );
    expect(parseGate("bogus < 3", "x")).toMatch(
      /unknown metric "bogus" \(metric groups: tasks, .*docs\/metrics.md\)$/,
    );
    expect(parseGate("decisionTime.p99 < 3", "x")).toMatch(/wall-clock/);
    expect(parseGate("tasks.submitted no worse than baseline", "x")).toMatch(/no better direction/);
    expect(parseGate("utilization.cpu = 3", "x")).toMatch(/expected "< VALUE"/);
    expect(parseGate("utilization.cpu < lots", "x")).toMatch(/cannot read the value "lots"/);
    expect(parseGate("cost.dollars no worse than baseline by more than -5%", "x")).toMatch(
      /cannot read the amount/,
    );
    expect(parseGate("", "x")).toMatch(/cannot read gate/);
  });
});
