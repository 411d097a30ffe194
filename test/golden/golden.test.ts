import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectedPath, GOLDEN_SCENARIOS, goldenText } from "./golden.ts";

describe("golden results (results.json outside timing)", () => {
  for (const file of GOLDEN_SCENARIOS) {
    it(`${file} reproduces the stored results byte for byte`, () => {
      const expected = readFileSync(expectedPath(file), "utf8");
      const actual = goldenText(file);
      // Compare line by line first so a failure points at the first differing field, not a 1 MB string.
      const a = actual.split("\n");
      const e = expected.split("\n");
      const first = a.findIndex((line, k) => line !== e[k]);
      expect(first === -1 ? null : { line: first + 1, actual: a[first], expected: e[first] }).toBeNull();
      expect(actual).toBe(expected);
    });
  }
});
