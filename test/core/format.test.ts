import { describe, expect, it } from "vitest";
import { plural } from "../../src/core/format.ts";

describe("word formatting", () => {
  it("puts nouns in the plural except for exactly one", () => {
    expect(plural(1, "strategy", "strategies")).toBe("1 strategy");
    expect(plural(3, "strategy", "strategies")).toBe("3 strategies");
    expect(plural(0, "seed")).toBe("0 seeds");
    expect(plural(1, "replication")).toBe("1 replication");
  });
});
