/**
 * Strategy code cannot end berth silently, hang it or crash it (issue 13): every fault ends the run with
 * one line naming the strategy, the task, the simulated time, the seed and the file, and exit 1.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { berth, STACK_FRAME, tempDir } from "../helpers/cli.ts";

const SCENARIO = "test/cli/fixtures/tiny.yaml";

function runWith(strategy: string, ...extra: string[]) {
  const dir = tempDir();
  // The child's own time limit only guards against a hang: a loaded machine may take minutes.
  const r = berth(
    [
      "run",
      SCENARIO,
      "--seeds",
      "3",
      "--quiet",
      "--out",
      join(dir, "out"),
      "--events",
      join(dir, "events.ndjson"),
      "--strategy",
      `./test/cli/fixtures/${strategy}`,
      ...extra,
    ],
    { timeoutMs: 120_000 },
  );
  const lines = r.stderr.trim().split("\n");
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(/Native stack trace|node::/);
  return { ...r, line: lines[0]!, dir };
}

function expectNoOutputs(dir: string) {
  expect(existsSync(join(dir, "out", "results.json"))).toBe(false);
  expect(existsSync(join(dir, "events.ndjson"))).toBe(false);
  expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
}

describe("strategy faults", () => {
  it("process.exit inside score() is a fault, not a silent exit 0", () => {
    const r = runWith("exit-in-score.ts");
    expect(r.code).toBe(1);
    expect(r.line).toMatch(
      /^berth: strategy "exits" threw called process\.exit\(0\), which a strategy may not do while placing task t-\d{6} \(web\) at t=[\d.]+s, seed 1 \(file \.\/test\/cli\/fixtures\/exit-in-score\.ts\)$/,
    );
    expectNoOutputs(r.dir);
  });

  it("process.exit at import is reported as what it is: a strategy fault (exit 1), not a load error", () => {
    const r = runWith("exit-at-import.ts");
    expect(r.code).toBe(1);
    expect(r.line).toBe(
      "berth: strategy file ./test/cli/fixtures/exit-at-import.ts called process.exit(0) while being imported, which a strategy may not do",
    );
    expectNoOutputs(r.dir);
  });

  it("an endless loop at import is stopped by the decision timeout, naming the file", () => {
    const r = runWith("loop-at-import.ts", "--decision-timeout", "1");
    expect(r.code).toBe(1);
    expect(r.line).toBe(
      "berth: strategy file ./test/cli/fixtures/loop-at-import.ts did not return within 1s (an endless loop? --decision-timeout sets the limit) while being imported (before any run)",
    );
    expectNoOutputs(r.dir);
  });

  it("an endless loop in score() is stopped by the decision timeout", { timeout: 150_000 }, () => {
    const r = runWith("endless-loop.ts", "--decision-timeout", "1");
    expect(r.code).toBe(1);
    expect(r.line).toMatch(
      /^berth: strategy "endless" did not return within 1s \(an endless loop\? --decision-timeout sets the limit\) while placing task t-\d{6} at t=[\d.]+s, seed 1 \(\.\/test\/cli\/fixtures\/endless-loop\.ts\)$/,
    );
    // Stopped at the limit, not later: the loop spins about 1 s of the run's CPU (the whole run takes ~3 s
    // of CPU on an idle machine). CPU time, because a loaded machine stretches the wall clock many times.
    if (r.cpuSeconds !== undefined) expect(r.cpuSeconds).toBeLessThan(6);
    else expect(r.wallSeconds).toBeLessThan(30); // no CPU figure off Linux: the wall clock, loosely
    expectNoOutputs(r.dir);
  });

  it.each([
    ["timer-throws.ts", "timer", "boom in a timer"],
    ["rejects.ts", "rejects", "nobody catches this"],
  ])("%s: an asynchronous failure is a fault with exit 1", (file, name, message) => {
    const r = runWith(file);
    expect(r.code).toBe(1);
    expect(r.line).toMatch(
      new RegExp(
        `^berth: strategy "${name}" failed asynchronously \\(in a timer or a promise\\): ${message} after placing task t-\\d{6} at t=[\\d.]+s, seed \\d+ \\(\\./test/cli/fixtures/${file.replace(".", "\\.")}\\)$`,
      ),
    );
  });

  it("setup failing on the third seed names strategy, seed and file", () => {
    const r = runWith("setup-third.ts");
    expect(r.code).toBe(1);
    expect(r.line).toBe(
      'berth: strategy "third" (file ./test/cli/fixtures/setup-third.ts) failed on seed 3: step 1 (./test/cli/fixtures/setup-third.ts): setup failed on the third run',
    );
  });

  it("a strategy whose score is not a function is rejected at load time, exit 2", () => {
    const r = runWith("score-five.ts");
    expect(r.code).toBe(2);
    expect(r.line).toBe(
      "berth: strategy file ./test/cli/fixtures/score-five.ts: score must be a function, got a number (5)",
    );
  });

  it("a plain-object strategy outside a module folder gets a message that says what to do", () => {
    const dir = tempDir();
    const file = join(dir, "plain.ts");
    writeFileSync(file, "export default { name: 'plain', score: (i: number) => i };\n");
    const r = berth(["run", SCENARIO, "--quiet", "--out", join(dir, "o"), "--strategy", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /Node loads it as CommonJS .* rename it to \.mts, or add a package\.json saying \{"type": "module"\} beside it\n$/,
    );
    expect(r.stderr).not.toMatch(/in a cycle/);
  });
});
