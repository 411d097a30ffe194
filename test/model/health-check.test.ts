import { describe, expect, it } from "vitest";
import { type HealthCheckSpec, healthOutcome, readHealthCheck } from "../../src/model/health-check.ts";

const check = (over: Partial<HealthCheckSpec> = {}): HealthCheckSpec => ({
  interval: 30,
  timeout: 5,
  retries: 3,
  startPeriod: 0,
  ...over,
});

describe("container health checks (probes every interval from RUNNING)", () => {
  it("a ready application is healthy at the first probe", () => {
    expect(healthOutcome([check()], 0)).toEqual({ healthyAt: 30, unhealthyAt: Number.POSITIVE_INFINITY });
  });

  it("ready at 45 s: the 30 s probe fails, the 60 s one passes, 1 failure of 3 allowed", () => {
    expect(healthOutcome([check()], 45)).toEqual({ healthyAt: 60, unhealthyAt: Number.POSITIVE_INFINITY });
  });

  it("ready at 100 s: probes at 30, 60, 90 fail, so UNHEALTHY at 90 s, before the 120 s pass", () => {
    expect(healthOutcome([check()], 100)).toEqual({ healthyAt: 120, unhealthyAt: 90 });
  });

  it("startPeriod 60 s: the 30 and 60 s failures do not count, the third counted one would be at 150 s", () => {
    expect(healthOutcome([check({ startPeriod: 60 })], 100)).toEqual({
      healthyAt: 120,
      unhealthyAt: Number.POSITIVE_INFINITY,
    });
  });

  it("several containers: healthy when the last is, unhealthy when the first is", () => {
    const fast = check({ interval: 10, retries: 2 });
    const slow = check({ interval: 60, retries: 1, startPeriod: 120 });
    // ready at 35: fast probes 10, 20, 30 fail (UNHEALTHY at 20), passes at 40; slow passes at 60.
    expect(healthOutcome([fast, slow], 35)).toEqual({ healthyAt: 60, unhealthyAt: 20 });
  });

  it("reads the ECS fields with their defaults and ranges", () => {
    const problems: string[] = [];
    const report = (path: (string | number)[], message: string) =>
      problems.push(`${path.join(".")}: ${message}`);
    expect(readHealthCheck({ command: ["CMD-SHELL", "true"] }, report)).toEqual(check());
    expect(readHealthCheck({ command: ["CMD", "x"], interval: 4, retries: 11 }, report)).toBeUndefined();
    expect(readHealthCheck({ interval: 10 }, report)).toBeUndefined();
    expect(problems).toEqual([
      "interval: healthCheck.interval must be a whole number of seconds from 5 to 300",
      "retries: healthCheck.retries must be a whole number of seconds from 1 to 10",
      'command: healthCheck needs a command, e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
    ]);
  });
});
