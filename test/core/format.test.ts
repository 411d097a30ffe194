import { describe, expect, it } from "vitest";
import { plural, plusMinus } from "../../src/core/format.ts";

describe("word formatting", () => {
  it("puts nouns in the plural except for exactly one", () => {
    expect(plural(1, "strategy", "strategies")).toBe("1 strategy");
    expect(plural(3, "strategy", "strategies")).toBe("3 strategies");
    expect(plural(0, "seed")).toBe("0 seeds");
    expect(plural(1, "replication")).toBe("1 replication");
  });
});

describe("a mean and its confidence half-width", () => {
  it("shows the mean to the half-width's first significant digit", () => {
    expect(plusMinus(7.9123, 0.0966)).toBe("7.9 ± 0.1");
    expect(plusMinus(7.9123, 0.34)).toBe("7.9 ± 0.3");
    expect(plusMinus(7.9123, 0.0412)).toBe("7.91 ± 0.04");
    expect(plusMinus(8, 0.5)).toBe("8.0 ± 0.5");
    expect(plusMinus(12345.6, 340)).toBe("12300 ± 300");
    expect(plusMinus(-0.01, 0.3)).toBe("0.0 ± 0.3");
  });

  it("keeps two digits of a half-width starting with 1 or 2", () => {
    expect(plusMinus(7.9123, 0.14)).toBe("7.91 ± 0.14");
    expect(plusMinus(7.9123, 0.251)).toBe("7.91 ± 0.25");
    expect(plusMinus(61.87, 19.6)).toBe("62 ± 20");
    expect(plusMinus(61.87, 1.96)).toBe("61.9 ± 2.0");
  });

  it("leaves a mean without a usable half-width as it is", () => {
    expect(plusMinus(7.9123, 0)).toBe("7.9123 ± 0");
  });
});
