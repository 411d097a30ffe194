import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Runs the real CLI entry point (bin/berth.js) as a user would. */
function berth(...args: string[]) {
  const r = spawnSync(process.execPath, ["bin/berth.js", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TINY = `name: tiny
seed: 7
replications: 2
horizon: 30m
cluster:
  instances:
    - { type: m5.large, count: 3, zones: [us-east-1a, us-east-1b] }
taskDefinitions:
  - family: web
    containerDefinitions:
      - { name: app, cpu: 512, memory: 1024, portMappings: [{ containerPort: 80, hostPort: 80 }] }
workload:
  - { taskDefinition: web, arrival: { type: poisson, ratePerHour: 120 }, duration: { type: exponential, mean: 2m } }
pending: fail
strategies:
  - { name: packed, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

function tempScenario(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "berth-cli-"));
  const file = join(dir, "s.yaml");
  writeFileSync(file, text);
  return { dir, file };
}

describe("berth CLI", () => {
  it("runs a comparison and writes results.json, summary.md and index.html", () => {
    const { dir, file } = tempScenario(TINY);
    const out = join(dir, "out");
    const events = join(dir, "events.ndjson");
    const r = berth("run", file, "--out", out, "--events", events);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("packed");
    expect(r.stdout).toContain("spread");
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.schemaVersion).toBe(1);
    expect(results.scenario.seeds).toEqual([7, 8]);
    expect(results.strategies.map((s: { name: string }) => s.name)).toEqual(["packed", "spread"]);
    expect(readFileSync(join(out, "summary.md"), "utf8")).toContain("| packed |");
    expect(existsSync(join(out, "index.html"))).toBe(true);
    const lines = readFileSync(events, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(
      lines.some((l) => l.state === "RUNNING" && l.instance && l.zone && l.task && l.family === "web"),
    ).toBe(true);
    expect(lines.some((l) => l.state === "STOPPED" && l.reason === "RESOURCE:PORTS")).toBe(true);
    expect(new Set(lines.map((l) => l.strategy))).toEqual(new Set(["packed", "spread"]));
  });

  it("selects strategies and replications from the command line", () => {
    const { dir, file } = tempScenario(TINY);
    const r = berth(
      "run",
      file,
      "--out",
      join(dir, "o"),
      "--strategy",
      "spread",
      "--strategy",
      "binpack-cpu",
      "--seeds",
      "1",
      "--quiet",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const results = JSON.parse(readFileSync(join(dir, "o", "results.json"), "utf8"));
    expect(results.strategies.map((s: { name: string }) => s.name)).toEqual(["spread", "binpack-cpu"]);
    expect(results.scenario.seeds).toEqual([7]);
  });

  it("rejects a bad scenario with file:line:col lines, exit 2 and no stack trace", () => {
    const { file } = tempScenario(
      TINY.replace("horizon: 30m", "horizon: 30 minutes").replace("count: 3", "count: three"),
    );
    const r = berth("validate", file);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/s\.yaml:4:1 horizon: expected a duration/);
    expect(lines[1]).toMatch(/s\.yaml:7:\d+ cluster\.instances\[0\]\.count: /);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("validates a good scenario", () => {
    const r = berth("validate", "scenarios/quickstart.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("scenarios/quickstart.yaml: ok (quickstart: 3 instances");
  });

  it("answers usage mistakes with one line and exit 2", () => {
    for (const args of [
      ["frobnicate"],
      ["run"],
      ["run", "scenarios/quickstart.yaml", "--seeds", "0"],
      ["run", "x.yaml", "--bogus"],
    ]) {
      const r = berth(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    const unknown = berth("run", "scenarios/quickstart.yaml", "--strategy", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown strategy "nope"');
    expect(berth("run", "missing.yaml").stderr.trim()).toBe(
      "missing.yaml:1:1 cannot read scenario: no such file",
    );
  });

  it("prints help for every command", () => {
    for (const args of [["--help"], ["run", "--help"], ["validate", "--help"]]) {
      const r = berth(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: berth/);
    }
  });
});
