/**
 * A strategy file's rebalance hook through the real CLI: it runs in the strategy sandbox, its moves land in
 * results.json, and a hook that throws is a strategy fault (one line, exit 1), like a throwing placement hook.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { berth, STACK_FRAME, tempScenario } from "../helpers/cli.ts";

const SCENARIO = `name: hook
horizon: 20m
cluster:
  instances: [{ type: m5.large, count: 2 }]
taskDefinitions:
  - { family: web, containerDefinitions: [{ name: a, cpu: 256, memory: 256 }] }
services:
  - { name: web, taskDefinition: web, desiredCount: 2 }
strategies:
  - { name: first-fit, placementStrategy: [{ type: first-fit }] }
`;

/** `berth run` of the scenario with one seed and the strategy file fixtures/<name>; out is <dir>/out. */
function runWith(name: string) {
  const { dir, file } = tempScenario(SCENARIO);
  const out = join(dir, "out");
  const strategy = join(import.meta.dirname, "fixtures", name);
  return { out, ...berth(["run", file, "--seeds", "1", "--quiet", "--out", out, "--strategy", strategy]) };
}

describe("the rebalance hook through berth run", () => {
  it("moves tasks every 5 minutes by default and counts the bad move", () => {
    const r = runWith("rebalance-moves.ts");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const results = JSON.parse(readFileSync(join(r.out, "results.json"), "utf8"));
    const d = results.strategies[0].runs[0].metrics.dynamics;
    // first-fit puts both tasks on i-0e220a8397b1dcdaf; the rounds at 5 and 10 min move one each to i-06e789e6aa1b965f4 (no startup
    // time: the replacement runs at once and the old task stops at the same instant); the rounds at 15 and
    // 20 min find i-0e220a8397b1dcdaf empty and ask nothing
    expect(d.tasksMoved).toBe(2);
    expect(d.moveRejections).toEqual({ "unknown task (not placed at the call)": 2 });
    expect(d.stopReasons).toEqual({ "Rebalancing: task moved to another instance": 2 });
    expect(d.services.web.availability).toBe(1);
  });

  it("a hook that throws ends the run as a strategy fault naming strategy, time, seed and file", () => {
    const r = runWith("rebalance-throws.ts");
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^berth: strategy "rebalance-throws" rebalance-throws\.rebalance threw no moves today at t=600s, seed 1 \(file .*rebalance-throws\.ts\)\n$/,
    );
  });
});
