import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { scaleArrival } from "../../src/scenario/load-factor.ts";
import { simulate } from "../../src/sim/simulate.ts";

const scenario = (arrival: string, extra = "") => `name: t
horizon: 10h
${extra}
cluster:
  instances: [{ type: m5.large, count: 200 }]
taskDefinitions:
  - { family: web, containerDefinitions: [{ name: app, cpu: 16, memory: 16 }] }
workload:
  - { taskDefinition: web, arrival: ${arrival}, duration: { type: constant, value: 1m } }
strategies:
  - { name: bp, placementStrategy: [{ type: binpack, field: memory }] }
`;

function submitted(text: string, load?: number): number {
  const overrides =
    load === undefined ? [] : [{ path: ["loadFactor"], value: load, origin: `--load ${load}` }];
  const sc = loadScenarioText("s.yaml", text, { overrides }).scenario;
  return simulate(sc, sc.strategies[0]!, sc.seed).metrics.tasks.submitted;
}

describe("loadFactor", () => {
  it("scales every rate-based arrival form", () => {
    expect(scaleArrival({ type: "poisson", ratePerHour: 10 }, 1.5)).toEqual({
      type: "poisson",
      ratePerHour: 15,
    });
    expect(scaleArrival({ type: "interval", every: 60 }, 2)).toEqual({ type: "interval", every: 30 });
    expect(scaleArrival({ type: "burst", at: 5, count: 3 }, 1.5)).toEqual({ type: "burst", at: 5, count: 5 });
    expect(
      scaleArrival(
        {
          type: "piecewise",
          rates: [
            { from: 0, ratePerHour: 10 },
            { from: 60, ratePerMinute: 1 },
          ],
        },
        2,
      ),
    ).toEqual({
      type: "piecewise",
      rates: [
        { from: 0, ratePerHour: 20 },
        { from: 60, ratePerMinute: 2 },
      ],
    });
    expect(
      scaleArrival({ type: "sinusoid", ratePerSecond: 1, amplitude: 0.5, period: 100, peakAt: 0 }, 3),
    ).toMatchObject({ ratePerSecond: 3, amplitude: 0.5 });
  });
  it("spreads schedule counts so no fraction is lost to rounding", () => {
    const a = scaleArrival({ type: "schedule", at: [10, 20, 30, 40], count: 1 }, 1.5);
    expect(a).toEqual({ type: "schedule", at: [10, 10, 20, 30, 30, 40], count: 1 });
  });
  it("multiplies submitted tasks in a run (interval exactly, poisson by the coupled stream)", () => {
    const interval = scenario("{ type: interval, every: 60s }");
    expect(submitted(interval, 2)).toBe(2 * submitted(interval) - 1);
    const poisson = scenario("{ type: poisson, ratePerHour: 60 }");
    const base = submitted(poisson);
    const doubled = submitted(poisson, 2);
    // Same uniforms at twice the rate: the arrivals of 20h at rate 60 squeezed into 10h.
    const longer = submitted(poisson.replace("horizon: 10h", "horizon: 20h"));
    expect(doubled).toBe(longer);
    expect(doubled).toBeGreaterThan(1.7 * base);
  });
  it("scales services' desiredCount only with loadFactorServices", () => {
    const withService = (flag: string) =>
      loadScenarioText(
        "s.yaml",
        `${scenario("{ type: burst, at: 0, count: 2 }", `loadFactor: 1.5\n${flag}`)}services:\n  - { name: api, taskDefinition: web, desiredCount: 4 }\n`,
      ).scenario;
    expect(withService("").dynamics.services[0]!.desiredCount).toBe(4);
    expect(withService("loadFactorServices: true").dynamics.services[0]!.desiredCount).toBe(6);
    expect(withService("").sources[0]!.arrival).toMatchObject({ count: 3 });
  });
});
