import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { berth as runBerth, TINY, tempScenario } from "../helpers/cli.ts";
import { berthInProcess } from "../helpers/main.ts";

const berth = (...args: string[]) => runBerth(args);

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

  it("answers usage mistakes with one line and exit 2", async () => {
    // Each mistake in-process, through main() as the entry point calls it: the message and exit code.
    for (const [args, line] of [
      [["frobnicate"], /^berth: unknown command "frobnicate" \(commands: run, /],
      [["run"], /^berth: run: missing <scenario\.yaml>/],
      [["run", "scenarios/quickstart.yaml", "--seeds", "0"], /^berth: run: --seeds needs a whole number/],
      [["run", "x.yaml", "--bogus"], /^berth: run: unknown option --bogus /],
      [["run", "scenarios/quickstart.yaml", "--strategy", "nope"], /^berth: run: unknown strategy "nope" /],
      [["run", "missing.yaml"], /^missing\.yaml:1:1 cannot read scenario: no such file$/],
    ] as const) {
      const r = await berthInProcess(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toEqual([expect.stringMatching(line)]);
      expect(r.out, args.join(" ")).toEqual([]);
    }
    // The real process, once for each way a mistake leaves main(): a usage error found after the scenario
    // was loaded (the most start-up work) and bad input; nothing else may reach stderr, exit status 2.
    const unknown = berth("run", "scenarios/quickstart.yaml", "--strategy", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^berth: run: unknown strategy "nope" \([^\n]+\)\n$/);
    expect(unknown.stdout).toBe("");
    const missing = berth("run", "missing.yaml");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("missing.yaml:1:1 cannot read scenario: no such file\n");
    expect(missing.stdout).toBe("");
  });

  it("prints help for every command", () => {
    for (const args of [["--help"], ["run", "--help"], ["validate", "--help"]]) {
      const r = berth(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: berth/);
    }
  });
});
