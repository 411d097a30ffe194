import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "vega-lite";
import { afterEach, describe, expect, it, vi } from "vitest";
import { benchCommand } from "../../src/cli/bench.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import type { DecisionCost } from "../../src/measure/decision-cost.ts";

describe("berth bench", () => {
  afterEach(() => vi.restoreAllMocks());

  it("measures every named strategy at every size and writes the table, data and a valid chart", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const out = mkdtempSync(join(tmpdir(), "berth-bench-"));
    const argv = [
      "--strategy",
      "binpack-memory",
      "--strategy",
      "spread-az",
      "--sizes",
      "40,10",
      "--time",
      "5",
    ];
    expect(await benchCommand([...argv, "--scan", "--out", out])).toBe(0);
    const data = JSON.parse(readFileSync(join(out, "bench.json"), "utf8")) as { rows: DecisionCost[] };
    // Both are indexed (spread-az by the chain index), so --scan adds a scan row after each index row.
    expect(data.rows.map((r) => [r.strategy, r.instances, r.indexed])).toEqual([
      ["binpack-memory", 10, true],
      ["binpack-memory", 10, false],
      ["binpack-memory", 40, true],
      ["binpack-memory", 40, false],
      ["spread-az", 10, true],
      ["spread-az", 10, false],
      ["spread-az", 40, true],
      ["spread-az", 40, false],
    ]);
    for (const r of data.rows) {
      expect(r.meanUs).toBeGreaterThan(0);
      expect(r.samples).toBeGreaterThan(0);
      expect(Math.max(r.reservedMemory, r.reservedCpu)).toBeGreaterThanOrEqual(0.85);
    }
    const spec = JSON.parse(readFileSync(join(out, "bench.vl.json"), "utf8"));
    expect(() => compile(spec)).not.toThrow();
    expect(spec.layer[0].encoding.x.scale.type).toBe("log");
    expect(spec.layer[0].encoding.y.scale.type).toBe("log");
    expect(readFileSync(join(out, "bench.md"), "utf8")).toContain("| spread-az | 40 | index |");
  });

  it("builds clusters from a scenario's instances and task definitions and offers its strategies", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const out = mkdtempSync(join(tmpdir(), "berth-bench-"));
    const argv = ["scenarios/overloaded.yaml", "--strategy", "spread-az", "--sizes", "8", "--time", "5"];
    expect(await benchCommand([...argv, "--out", out])).toBe(0);
    expect(lines[0]).toContain("on m5.large");
    expect(lines[0]).toContain("2 task shapes from scenarios/overloaded.yaml");
  });

  it("measures a custom strategy loaded from a file", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const out = mkdtempSync(join(tmpdir(), "berth-bench-"));
    const file = "./scenarios/strategies/two-choices.ts";
    expect(await benchCommand(["--strategy", file, "--sizes", "20", "--time", "5", "--out", out])).toBe(0);
    const rows = JSON.parse(readFileSync(join(out, "bench.json"), "utf8")).rows ?? [];
    expect(JSON.stringify(rows)).toContain("two-choices");
  });

  it("rejects bad sizes, occupancy, unknown strategies and missing strategy files with a clear error", async () => {
    await expect(benchCommand(["--sizes", "100,abc"])).rejects.toThrow(UsageError);
    await expect(benchCommand(["--sizes", "0"])).rejects.toThrow(/--sizes/);
    await expect(benchCommand(["--occupancy", "1.5"])).rejects.toThrow(/--occupancy/);
    await expect(benchCommand(["--strategy", "nope"])).rejects.toThrow(/bench: unknown strategy "nope"/);
    await expect(benchCommand(["--strategy", "./no-such-strategy.ts"])).rejects.toThrow(
      /no-such-strategy\.ts/,
    );
    await expect(benchCommand(["a.yaml", "b.yaml"])).rejects.toThrow(/unexpected argument "b.yaml"/);
  });
});
