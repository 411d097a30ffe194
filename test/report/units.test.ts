import { describe, expect, it } from "vitest";
import { columnFormat, relative, signed } from "../../src/report/units.ts";

describe("columnFormat", () => {
  it("writes every cell of a seconds column in one unit chosen from the largest value", () => {
    const f = columnFormat("seconds", [20.8, 66, 1.1]);
    expect([f(20.8), f(66), f(1.1)]).toEqual(["20.8 s", "66.0 s", "1.1 s"]);
    const m = columnFormat("seconds", [2958, 66]);
    expect([m(2958), m(66)]).toEqual(["49.3 min", "1.1 min"]);
    const h = columnFormat("seconds", [9000, 1206]);
    expect([h(9000), h(1206)]).toEqual(["2.50 h", "0.34 h"]);
  });

  it("writes fractions as percentages and their differences in percentage points", () => {
    expect(columnFormat("fraction", [0.893, 0.001])(0.893)).toBe("89.3%");
    expect(columnFormat("fraction", [0.02], true)(0.02)).toBe("2.0 pp");
  });

  it("keeps counts, dollars and ratios aligned, without negative zero", () => {
    const c = columnFormat("count", [7.9, 0.0966]);
    expect([c(7.9), c(0.0966)]).toEqual(["7.90", "0.10"]);
    expect(columnFormat("count", [0, 0])(0)).toBe("0");
    expect(columnFormat("count", [478, 114])(114)).toBe("114");
    expect(columnFormat("dollars", [3.07])(-0.5)).toBe("-$0.50");
    expect(columnFormat("ratio", [1.2])(1.23456)).toBe("1.235");
    expect(columnFormat("count", [1])(-0.0001)).toBe("0.00");
  });

  it("signs differences and relative changes", () => {
    const f = columnFormat("count", [2]);
    expect(signed(f, -1.5)).toBe("-1.50");
    expect(signed(f, 1.5)).toBe("+1.50");
    expect(relative(-0.163)).toBe("-16%");
    expect(relative(0.031)).toBe("+3.1%");
    expect(relative(null)).toBe("");
  });
});
