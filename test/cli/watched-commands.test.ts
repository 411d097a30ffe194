/**
 * Every command that runs strategy files runs them under the watchdog (issue 13), not only `run`:
 * explain, diff, bench and validate start again in a watched worker before any user code runs; sweep
 * and plan units are watched on their pool. Each fault ends with one line and exit 1.
 */
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
      /^berth: strategy "leaves": step 1: called process\.exit\(3\), which a strategy may not do/,
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
    const r = berth([
      "plan",
      SCENARIO,
      "--strategy",
      `${F}/timer-throws.ts`,
      "--slo",
      "tasks.pendingAtEnd == 0",
      "--max",
      "8",
      "--workers",
      "1",
      "--quiet",
    ]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(
      /^berth: strategy "timer" failed asynchronously \(in a timer or a promise\): boom in a timer after placing task t-\d{6} at t=[\d.]+s, seed \d+ \(\.\/test\/cli\/fixtures\/timer-throws\.ts\)$/,
    );
  });
});
