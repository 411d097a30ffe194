import { describe, expect, it } from "vitest";
import { decimalsFor, meanPlusMinus, plural } from "../../src/core/format.ts";

describe("number and word formatting", () => {
  it("puts nouns in the plural except for exactly one", () => {
    expect(plural(1, "strategy", "strategies")).toBe("1 strategy");
    expect(plural(3, "strategy", "strategies")).toBe("3 strategies");
    expect(plural(0, "seed")).toBe("0 seeds");
  });

  it("rounds a mean to the precision its confidence half-width gives it", () => {
    expect(meanPlusMinus(7.9, 0.0966)).toBe("7.9 ± 0.1");
    expect(meanPlusMinus(7.96, 0.0375)).toBe("7.96 ± 0.04");
    expect(meanPlusMinus(0.5234, 0.0234)).toBe("0.523 ± 0.023");
    expect(meanPlusMinus(1120.4, 23.2)).toBe("1120 ± 23");
    expect(meanPlusMinus(478, 114)).toBe("478 ± 114");
    expect(meanPlusMinus(3, 0)).toBe("3 ± 0");
    expect(decimalsFor(Number.NaN)).toBe(0);
  });
});
