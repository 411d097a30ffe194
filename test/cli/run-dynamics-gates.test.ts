import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCommand } from "../../src/cli/run.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { InputError } from "../../src/scenario/problems.ts";
import { tempScenario } from "../helpers/cli.ts";
import { runScenarioText } from "../helpers/main.ts";

// api: 2 tasks, each crashes 600 s after RUNNING and its replacement takes 30 s to start. Both tasks run in
// step: below desired in [0, 30], [630, 660], [1260, 1290], ..., [3150, 3180] = 6 x 30 s of 3600 s, so
// availability = 1 - 180 / 3600 = 0.95 under both strategies; no instance is lost.
const SCENARIO = `name: gated-dynamics
horizon: 1h
startupTime: { type: constant, value: 30s }
cluster:
  instances:
    - { type: m5.large, count: 2 }
taskDefinitions:
  - family: api
    containerDefinitions: [{ name: app, cpu: 256, memory: 512 }]
services:
  - { name: api, taskDefinition: api, desiredCount: 2 }
failures:
  containers: [{ taskDefinition: api, container: app, timeToFailure: { type: constant, value: 600 } }]
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

describe("berth run --gate on dynamics metrics", () => {
  it("checks dynamics counts and per-service availability", async () => {
    const { code, results } = await runScenarioText(
      SCENARIO,
      "--gate",
      "dynamics.tasksLost of spread < 5",
      "--gate",
      "dynamics.services.api.availability >= 99.9%",
      "--gate",
      "dynamics.services.api.secondsBelowDesired of spread no worse than baseline",
    );
    expect(code).toBe(1);
    const rows = results.gates.map((g: { strategy: string; status: string; observed: number }) => [
      g.strategy,
      g.status,
      g.observed,
    ]);
    expect(rows).toEqual([
      ["spread", "passed", 0],
      ["binpack", "tripped", 0.95],
      ["spread", "tripped", 0.95],
      ["spread", "passed", 0],
    ]);
  });

  it("checks the rebalancing figures: task-seconds below desired, moves rejected, daemon misses", async () => {
    // both tasks short for 30 s six times: 2 x 6 x 30 = 360 task-seconds
    const { code, results } = await runScenarioText(
      SCENARIO,
      "--gate",
      "dynamics.services.api.taskSecondsBelowDesired of spread < 300",
      "--gate",
      "dynamics.movesRejected of spread <= 0",
      "--gate",
      "dynamics.services.api.daemonUnplaced of spread <= 0",
    );
    expect(code).toBe(1);
    const rows = results.gates.map((g: { status: string; observed: number }) => [g.status, g.observed]);
    expect(rows).toEqual([
      ["tripped", 360],
      ["passed", 0],
      ["passed", 0],
    ]);
  });

  it("rejects a --gate naming a service the scenario does not have", async () => {
    const { file } = tempScenario(SCENARIO);
    const run = runCommand([file, "--quiet", "--gate", "dynamics.services.web.availability > 0.9"]);
    await expect(run).rejects.toThrow(UsageError);
    await expect(
      runCommand([file, "--quiet", "--gate", "dynamics.services.web.availability > 0.9"]),
    ).rejects.toThrow(/no service "web" \(services: api\)/);
  });

  it("rejects a scenario gate naming an unknown service at its file:line:col", async () => {
    const { file } = tempScenario(`${SCENARIO}gates: ["dynamics.services.apx.availability > 0.9"]\n`);
    const run = runCommand([file, "--quiet"]);
    await expect(run).rejects.toThrow(InputError);
    await expect(runCommand([file, "--quiet"])).rejects.toThrow(
      `${file}:17:9 gates[0]: gate "dynamics.services.apx.availability > 0.9": no service "apx" (services: api)`,
    );
  });
});
