import { describe, expect, it } from "vitest";
import { PlacementClassKeys } from "../../src/sim/placement-class-key.ts";

describe("PlacementClassKeys", () => {
  it("gives every (source, service, shape, group, provider) combination its own integer key", () => {
    const sizes = { sources: 2, services: 2, shapes: 3, providers: 2 };
    const keys = new PlacementClassKeys(sizes);
    const seen = new Map<number | string, string>();
    for (let source = -1; source < sizes.sources; source++)
      for (let service = -1; service < sizes.services; service++)
        for (let shape = 0; shape < sizes.shapes; shape++)
          for (let group = 0; group < 5; group++)
            for (let provider = -1; provider < sizes.providers; provider++) {
              const key = keys.key(source, service, shape, group, provider);
              expect(typeof key).toBe("number");
              const tuple = `${source}/${service}/${shape}/${group}/${provider}`;
              expect(seen.get(key) ?? tuple).toBe(tuple);
              seen.set(key, tuple);
            }
    // 3 sources (with -1) x 3 services x 3 shapes x 5 groups x 3 providers.
    expect(seen.size).toBe(3 * 3 * 3 * 5 * 3);
  });

  it("hand-checked key: radix 2 x 3 x 4 x 2 = 48, group 2, source 0, service 1, shape 3, provider 0", () => {
    const keys = new PlacementClassKeys({ sources: 1, services: 2, shapes: 4, providers: 1 });
    // ((0 + 1) x 3 + 1 + 1) x 4 + 3 = 23; 23 x 2 + 0 + 1 = 47; 2 x 48 + 47 = 143.
    expect(keys.key(0, 1, 3, 2, 0)).toBe(143);
  });

  it("stays exact for the largest group id", () => {
    const keys = new PlacementClassKeys({ sources: 10, services: 10, shapes: 20, providers: 4 });
    const big = 2 ** 31 - 1;
    expect(keys.key(0, -1, 0, big, -1)).not.toBe(keys.key(0, -1, 1, big, -1));
    expect(Number.isSafeInteger(keys.key(9, 9, 19, big, 3))).toBe(true);
  });

  it("falls back to distinct string keys when the radix could overflow exact integers", () => {
    const keys = new PlacementClassKeys({ sources: 200, services: 200, shapes: 100, providers: 10 });
    expect(keys.key(3, -1, 7, 12, -1)).toBe("3/-1/7/12/-1");
    expect(keys.key(3, -1, 7, 12, 0)).not.toBe(keys.key(3, -1, 7, 12, -1));
  });
});
