import { afterEach, describe, expect, it, vi } from "vitest";
import { diffCommand } from "../../src/cli/diff.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("berth diff", () => {
  it("lists the first tasks placed differently and a divergence table", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const code = await diffCommand([
      "scenarios/port-conflict.yaml",
      "--strategies",
      "binpack-memory,spread-instance",
      "--limit",
      "3",
      "--points",
      "4",
    ]);
    expect(code).toBe(0);
    expect(lines[0]).toBe("berth diff: port-conflict, seed 3: A = binpack-memory, B = spread-instance");
    expect(lines[1]).toMatch(/^\d+ of \d+ tasks placed differently$/);
    expect(lines.filter((l) => /^ {2}t-\d{6} \((web|worker)\) submitted at /.test(l))).toHaveLength(3);
    const table = lines.slice(lines.indexOf(lines.find((l) => l.includes("in use A"))!));
    expect(table).toHaveLength(5);
    expect(table[4]).toMatch(/^ *3h /);
  });

  it("needs exactly two strategies", async () => {
    await expect(
      diffCommand(["scenarios/port-conflict.yaml", "--strategies", "binpack-memory"]),
    ).rejects.toThrow("diff: --strategies needs two strategy names separated by a comma");
  });
});
