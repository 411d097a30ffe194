import { describe, expect, it } from "vitest";
import { meanAndHalfWidth } from "../../../src/sweep/report/cell-values.ts";

describe("a sweep cell's mean and half-width", () => {
  it("shows the mean only to the precision its interval allows", () => {
    expect(meanAndHalfWidth(7.9123, 0.0966)).toBe("7.9 ± 0.1");
    expect(meanAndHalfWidth(0.61234, 0.0123)).toBe("0.612 ± 0.012");
    expect(meanAndHalfWidth(1834.2, 57.3)).toBe("1830 ± 60");
  });

  it("keeps a half-width of rounding noise as 0 and a missing one out", () => {
    expect(meanAndHalfWidth(7.9123, 1e-12)).toBe("7.91 ± 0");
    expect(meanAndHalfWidth(7.9123, null)).toBe("7.91");
  });
});
