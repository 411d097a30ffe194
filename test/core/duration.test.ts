import { describe, expect, it } from "vitest";
import { formatSeconds, parseDuration } from "../../src/core/duration.ts";

describe("parseDuration", () => {
  it("reads numbers as seconds and unit strings", () => {
    expect(parseDuration(42)).toBe(42);
    expect(parseDuration("42")).toBe(42);
    expect(parseDuration("90s")).toBe(90);
    expect(parseDuration("20m")).toBe(1200);
    expect(parseDuration("4h")).toBe(14400);
    expect(parseDuration("1d")).toBe(86400);
    expect(parseDuration("250ms")).toBeCloseTo(0.25, 12);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("1.5h")).toBe(5400);
  });

  it("rejects what is not a duration", () => {
    for (const bad of ["4x", "h", "", "-5s", "1 h", "m5", "1h-2m"])
      expect(parseDuration(bad)).toBeUndefined();
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
  });
});

describe("formatSeconds", () => {
  it("picks a readable unit", () => {
    expect(formatSeconds(0.35)).toBe("0.35s");
    expect(formatSeconds(90)).toBe("1.5m");
    expect(formatSeconds(5400)).toBe("1.5h");
  });
});
