import { expect } from "vitest";

/** Chart data is rounded to 5 significant digits: compare with a matching relative tolerance. */
export function expectClose(actual: unknown, expected: number): void {
  expect(typeof actual).toBe("number");
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-4 + 1e-9);
}
