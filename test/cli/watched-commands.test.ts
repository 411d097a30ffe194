/**
 * Every command that runs strategy files runs them under the watchdog (issue 13), not only `run`:
 * explain, diff, bench and validate start again in a watched worker before any user code runs; sweep
 * and plan units are watched on their pool. Each fault ends with one line and exit 1.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { berth, STACK_FRAME, tempDir, tempScenario } from "../helpers/cli.ts";

const SCENARIO = "test/cli/fixtures/tiny.yaml";
const F = "./test/cli/fixtures";

function oneLine(r: ReturnType<typeof berth>): string {
  const lines = r.stderr.trim().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  return lines[0]!;
}

/** A sweep of tiny.yaml over two horizons, 2 seeds, running `strategies`. */
function sweepFile(strategies: string[]): string {
  const cwd = process.cwd();
  return tempScenario(
    `name: watched\nscenario: ${join(cwd, SCENARIO)}\ngrid:\n  horizon: [10m, 20m]\n` +
      `strategies: [${strategies.map((s) => (s.startsWith(".") ? join(cwd, s) : s)).join(", ")}]\nseeds: 2\n`,
    "sweep.yaml",
  ).file;
}

/** `berth plan` of tiny.yaml with one strategy file of the fixtures, small and on one worker. */
function planWith(strategy: string, ...extra: string[]) {
  const slo = ["--slo", "tasks.pendingAtEnd == 0", "--max", "8", "--workers", "1", "--quiet"];
  return berth(["plan", SCENARIO, "--strategy", `${F}/${strategy}`, ...slo, ...extra]);
}

describe("strategy faults under every command", () => {
  it("explain: process.exit in score() names strategy, task, time, seed and file; exit 1", () => {
    const r = berth(["explain", SCENARIO, "--strategy", `${F}/exit-in-score.ts`]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(
      /^berth: strategy "exits" threw called process\.exit\(0\), which a strategy may not do while placing task t-\d{6} \(web\) at t=[\d.]+s, seed 1 \(\.\/test\/cli\/fixtures\/exit-in-score\.ts\)$/,
    );
  });

  it("explain: a working strategy file runs in the worker and prints its answer, exit 0", () => {
    const r = berth([
      "explain",
      "scenarios/quickstart.yaml",
      "--strategy",
      "./scenarios/strategies/two-choices.ts",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^berth explain: quickstart, strategy two-choices, seed \d+\n/);
  });

  it("diff: an unhandled rejection in a strategy is a fault, exit 1", () => {
    const r = berth(["diff", SCENARIO, "--strategies", `${F}/rejects.ts,first-fit`]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(
      /^berth: strategy "rejects" failed asynchronously \(in a timer or a promise\): nobody catches this after placing task t-\d{6} at t=[\d.]+s, seed 1 \(\.\/test\/cli\/fixtures\/rejects\.ts\)$/,
    );
  });

  it("bench: process.exit at import is a strategy fault naming the file, exit 1", () => {
    const out = join(tempDir(), "bench");
    const r = berth([
      "bench",
      "--strategy",
      `${F}/exit-at-import.ts`,
      "--sizes",
      "10",
      "--time",
      "5",
      "--out",
      out,
    ]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toBe(
      "berth: strategy file ./test/cli/fixtures/exit-at-import.ts called process.exit(0) while being imported, which a strategy may not do",
    );
  });

  it("validate: process.exit in setup (checked at load) is a strategy fault, exit 1", () => {
    const { file } = tempScenario(
      `name: v\nhorizon: 10m\ncluster:\n  instances: [{ type: m5.large, count: 1 }]\n` +
        "taskDefinitions:\n  - { family: web, containerDefinitions: [{ name: a, cpu: 256, memory: 256 }] }\n" +
        "workload:\n  - { taskDefinition: web, arrival: { type: interval, every: 1m }, duration: { type: constant, value: 1m } }\n" +
        `strategies:\n  - { name: leaves, placementStrategy: [{ type: ${join(process.cwd(), F, "exit-in-setup.ts")} }] }\n`,
    );
    const r = berth(["validate", file]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(
      /^berth: strategy "leaves": step 1 \(\S+exit-in-setup\.ts\): called process\.exit\(3\), which a strategy may not do$/,
    );
  });

  it("sweep: a strategy calling process.exit fails its unit with the fault, exit 1", () => {
    const r = berth([
      "sweep",
      sweepFile(["first-fit", `${F}/exit-in-score.ts`]),
      "--out",
      join(tempDir(), "o"),
      "--workers",
      "2",
      "--quiet",
    ]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(
      /^berth: strategy "exits" threw called process\.exit\(0\), which a strategy may not do while placing task t-\d{6} \(web\) at t=[\d.]+s, seed [12] \(.*exit-in-score\.ts\)$/,
    );
  });

  it("plan: a strategy failing in a timer fails the probe with the fault, exit 1", () => {
    const r = planWith("timer-throws.ts");
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(
      /^berth: strategy "timer" failed asynchronously \(in a timer or a promise\): boom in a timer after placing task t-\d{6} at t=[\d.]+s, seed \d+ \(\.\/test\/cli\/fixtures\/timer-throws\.ts\)$/,
    );
  });

  it.each([
    ["explain", ["explain", SCENARIO, "--strategy", `${F}/endless-loop.ts`]],
    ["diff", ["diff", SCENARIO, "--strategies", `first-fit,${F}/endless-loop.ts`]],
    ["bench", ["bench", "--strategy", `${F}/endless-loop.ts`, "--sizes", "10", "--time", "5"]],
  ])("%s: an endless loop is stopped by --decision-timeout, exit 1", (_name, args) => {
    const started = Date.now();
    const extra = args[0] === "bench" ? ["--out", join(tempDir(), "b")] : [];
    const r = berth([...args, ...extra, "--decision-timeout", "1"]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(
      /^berth: strategy "endless" did not return within 1s \(an endless loop\? --decision-timeout sets the limit\) (while placing task t-\d{6} at t=[\d.]+s, seed 1 )?\(\.\/test\/cli\/fixtures\/endless-loop\.ts\)$/,
    );
    expect(Date.now() - started).toBeLessThan(45_000);
  });

  it("validate: an endless loop at import is stopped, naming the file, exit 1", () => {
    const dir = tempDir();
    const { file } = tempScenario(
      readFileSync(SCENARIO, "utf8").replace(
        "./bad-field.ts, field: x",
        `${join(process.cwd(), F, "loop-at-import.ts")}`,
      ),
    );
    const r = berth(["validate", file, "--decision-timeout", "1"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(
      /^berth: strategy file \S*loop-at-import\.ts did not return within 1s .* while being imported \(before any run\)$/,
    );
  });

  it("sweep and plan: an endless loop in a unit is stopped, exit 1", () => {
    const sweep = berth([
      "sweep",
      sweepFile(["first-fit", `${F}/endless-loop.ts`]),
      "--out",
      join(tempDir(), "o"),
      "--workers",
      "2",
      "--quiet",
      "--decision-timeout",
      "1",
    ]);
    expect(sweep.code).toBe(1);
    expect(oneLine(sweep)).toMatch(
      /^berth: strategy "endless" did not return within 1s .* while placing task t-\d{6} at t=[\d.]+s, seed [12] \(.*endless-loop\.ts\)$/,
    );
    const plan = planWith("endless-loop.ts", "--decision-timeout", "1");
    expect(plan.code).toBe(1);
    expect(oneLine(plan)).toMatch(
      /^berth: strategy "endless" did not return within 1s .* while placing task t-\d{6} at t=[\d.]+s, seed \d+ \(\.\/test\/cli\/fixtures\/endless-loop\.ts\)$/,
    );
  });

  it("a scenario warning printed before the command moved to the watched worker is printed once", () => {
    const text = readFileSync(SCENARIO, "utf8").replace(
      "cpu: 256, memory: 256 }",
      "cpu: 256, memory: 256, portMappings: [{ containerPort: 22, hostPort: 22 }] }",
    );
    const { file } = tempScenario(text.replace(/ {2}- \{\n {6}name: from-file[\s\S]*$/, ""));
    const r = berth(["explain", file, "--strategy", "./scenarios/strategies/two-choices.ts"]);
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.trim().split("\n");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: .*22/);
  });
});

describe("the work estimate and budget under every command that simulates", () => {
  const HUGE = readFileSync(SCENARIO, "utf8")
    .replace("every: 1m", "every: 1ms")
    .replace("horizon: 10m", "horizon: 1d");
  it.each([
    ["explain", ["--strategy", "first-fit"]],
    ["diff", ["--strategies", "first-fit,first-fit"]],
    ["plan", ["--slo", "tasks.pendingAtEnd == 0", "--max", "4"]],
  ])("%s refuses a scenario beyond the limits before running, exit 2", (command, extra) => {
    const { file } = tempScenario(HUGE.replace(/ {2}- \{\n {6}name: from-file[\s\S]*$/, ""));
    const r = berth([command!, file, ...extra!]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toMatch(new RegExp(`^berth: ${command}: .*s\\.yaml: .*--allow-large`));
  });

  it("sweep refuses a cell beyond the limits before running any unit, exit 2", () => {
    const { file } = tempScenario(HUGE.replace(/ {2}- \{\n {6}name: from-file[\s\S]*$/, ""), "huge.yaml");
    const sweep = tempScenario(
      `name: big\nscenario: ${file}\ngrid:\n  seed: [1, 2]\nseeds: 1\n`,
      "sweep.yaml",
    ).file;
    const r = berth(["sweep", sweep, "--out", join(tempDir(), "o"), "--quiet"]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toMatch(/^berth: sweep: .*sweep\.yaml: .*--allow-large/);
  });
});
