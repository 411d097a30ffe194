import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "vega-lite";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DecisionCost } from "../../src/bench/decision-cost.ts";
import { benchCommand } from "../../src/cli/bench.ts";
import { UsageError } from "../../src/cli/usage-error.ts";

describe("berth bench", () => {
  afterEach(() => vi.restoreAllMocks());

  it("measures every named strategy at every size and writes the table, data and a valid chart", () => {
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
    expect(benchCommand([...argv, "--scan", "--out", out])).toBe(0);
    const data = JSON.parse(readFileSync(join(out, "bench.json"), "utf8")) as { rows: DecisionCost[] };
    // binpack-memory is indexed, so --scan adds its scan rows; spread-az has only the scan.
    expect(data.rows.map((r) => [r.strategy, r.instances, r.indexed])).toEqual([
      ["binpack-memory", 10, true],
      ["binpack-memory", 10, false],
      ["binpack-memory", 40, true],
      ["binpack-memory", 40, false],
      ["spread-az", 10, false],
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
    expect(readFileSync(join(out, "bench.md"), "utf8")).toContain("| spread-az | 40 | scan |");
  });

  it("builds clusters from a scenario's instances and task definitions and offers its strategies", () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => lines.push(line));
    const out = mkdtempSync(join(tmpdir(), "berth-bench-"));
    const argv = ["scenarios/quickstart.yaml", "--strategy", "spread-az", "--sizes", "8", "--time", "5"];
    expect(benchCommand([...argv, "--out", out])).toBe(0);
    expect(lines[0]).toContain("on m5.large");
    expect(lines[0]).toContain("2 task shapes from scenarios/quickstart.yaml");
  });

  it("rejects bad sizes, occupancy, unknown strategies and strategy files with a usage error", () => {
    expect(() => benchCommand(["--sizes", "100,abc"])).toThrow(UsageError);
    expect(() => benchCommand(["--sizes", "0"])).toThrow(/--sizes/);
    expect(() => benchCommand(["--occupancy", "1.5"])).toThrow(/--occupancy/);
    expect(() => benchCommand(["--strategy", "nope"])).toThrow(/unknown strategy "nope"/);
    expect(() => benchCommand(["--strategy", "./mine.ts"])).toThrow(/strategy files/);
    expect(() => benchCommand(["a.yaml", "b.yaml"])).toThrow(/at most one scenario/);
  });
});
