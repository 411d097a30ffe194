import { describe, expect, it } from "vitest";
import { didYouMean, editDistance, nearest } from "../../src/core/nearest.ts";

describe("did-you-mean suggestions", () => {
  it("counts insertions, deletions, substitutions and neighbour swaps as one edit each", () => {
    expect(editDistance("seeds", "seeds")).toBe(0);
    expect(editDistance("sed", "seeds")).toBe(2);
    expect(editDistance("vaildate", "validate")).toBe(1);
    expect(editDistance("", "run")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests a near candidate or a longer one it begins, and nothing for an unrelated word", () => {
    const flags = ["out", "strategy", "seeds", "events", "baseline", "gate", "junit", "quiet"];
    expect(nearest("stratgey", flags)).toBe("strategy");
    expect(nearest("seed", flags)).toBe("seeds");
    expect(nearest("QUIET", flags)).toBe("quiet");
    expect(nearest("base", flags)).toBe("baseline");
    expect(nearest("xyz", flags)).toBeUndefined();
    expect(nearest("o", flags)).toBeUndefined();
  });

  it("breaks ties by candidate order and formats the hint", () => {
    expect(nearest("bat", ["cat", "hat"])).toBe("cat");
    expect(didYouMean("rnu", ["run", "diff"], (s) => `"${s}"`)).toBe('; did you mean "run"?');
    expect(didYouMean("zzzz", ["run"])).toBe("");
  });
});
