import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCommand } from "../../src/cli/run.ts";

// api: 2 tasks, each crashes 600 s after RUNNING and its replacement takes 30 s to start; both run in step,
// so the service is 2 tasks short for 30 s six times ([0, 30], [630, 660], ..., [3150, 3180]): 360 task-seconds.
const SCENARIO = `name: gated-rebalancing
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
`;

afterEach(() => vi.restoreAllMocks());

describe("gates on the rebalancing figures", () => {
  it("task-seconds below desired, moves rejected and daemon misses can be gated", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const dir = mkdtempSync(join(tmpdir(), "berth-rebalance-gates-"));
    const file = join(dir, "s.yaml");
    writeFileSync(file, SCENARIO);
    const out = join(dir, "out");
    const code = await runCommand([
      file,
      "--out",
      out,
      "--quiet",
      "--seeds",
      "1",
      "--gate",
      "dynamics.services.api.taskSecondsBelowDesired < 300",
      "--gate",
      "dynamics.movesRejected <= 0",
      "--gate",
      "dynamics.services.api.daemonUnplaced <= 0",
    ]);
    expect(code).toBe(1);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    const rows = results.gates.map((g: { status: string; observed: number }) => [g.status, g.observed]);
    expect(rows).toEqual([
      ["tripped", 360],
      ["passed", 0],
      ["passed", 0],
    ]);
  });
});
