import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCommand } from "../../src/cli/run.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { InputError } from "../../src/scenario/problems.ts";
import { runScenarioText } from "../helpers/main.ts";

const SCENARIO = (gates: string[]) => `name: gated
seed: 3
replications: 3
horizon: 2h
cluster:
  instances:
    - { type: m5.large, count: 6 }
taskDefinitions:
  - family: worker
    containerDefinitions:
      - { name: worker, cpu: 256, memory: 1024 }
workload:
  - { taskDefinition: worker, arrival: { type: poisson, ratePerHour: 60 }, duration: { type: exponential, mean: 10m } }
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
gates:
${gates.map((g) => `  - "${g}"`).join("\n")}
`;

let dir: string;
let errors: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "berth-gates-"));
  errors = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => errors.push(line));
});
afterEach(() => vi.restoreAllMocks());

function write(gates: string[]): string {
  const file = join(dir, "s.yaml");
  writeFileSync(file, SCENARIO(gates));
  return file;
}

describe("berth run with gates", () => {
  it("exits 1 after writing every output when a scenario gate trips, and reports it in JUnit and summary.md", async () => {
    const file = write([
      "instancesInUse.mean of spread no worse than baseline by more than 5%",
      "placementDelay.p95 < 1h",
    ]);
    const out = join(dir, "out");
    const junit = join(dir, "gates.xml");
    expect(await runCommand([file, "--out", out, "--junit", junit, "--quiet"])).toBe(1);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.baseline).toBe("binpack");
    expect(results.gates.map((g: { strategy: string; status: string }) => [g.strategy, g.status])).toEqual([
      ["spread", "tripped"],
      ["binpack", "passed"],
      ["spread", "passed"],
    ]);
    expect(results.gates[0].origin).toBe(`${file}:18:5 gates[0]`);
    expect(results.strategies[1].paired.instancesInUse.mean.significant).toBe(true);
    expect(readFileSync(junit, "utf8")).toContain('failures="1"');
    const summary = readFileSync(join(out, "summary.md"), "utf8");
    expect(summary).toContain("## Paired differences against binpack");
    expect(summary).toContain("1 of 3 gate checks tripped.");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^gate tripped: .*s\.yaml:18:5 gates\[0\]: .*\[spread\]: instancesInUse\.mean of spread vs binpack: \+/,
    );
  });

  it("exits 0 when every gate holds, with --baseline choosing the reference and --gate adding gates", async () => {
    const { code, results } = await runScenarioText(
      SCENARIO(["placementDelay.p95 < 1h"]),
      "--baseline",
      "spread",
      "--gate",
      "instancesInUse.mean of binpack no worse than baseline by more than 5%",
    );
    expect(code).toBe(0);
    expect(results.baseline).toBe("spread");
    expect(results.strategies[0].paired.instancesInUse.mean.meanDifference).toBeLessThan(0);
    expect(results.gates.at(-1)).toMatchObject({ origin: "--gate", strategy: "binpack", status: "passed" });
  });

  it("rejects a bad scenario gate with file:line:col and field path", async () => {
    const file = write(["placementDelay.p95 < 1h", "utilization.cpu of nobody > 0.5"]);
    const rejection = runCommand([file, "--quiet"]);
    await expect(rejection).rejects.toThrow(InputError);
    await expect(rejection).rejects.toThrow(
      `${file}:19:5 gates[1]: gate names strategy "nobody", not one of binpack, spread`,
    );
  });

  it("rejects a bad --gate or --baseline as a usage error before running", async () => {
    const file = write(["placementDelay.p95 < 1h"]);
    await expect(runCommand([file, "--gate", "utilization.cpu >> 1"])).rejects.toThrow(UsageError);
    await expect(runCommand([file, "--gate", "utilization.cpu >> 1"])).rejects.toThrow(
      /^run: --gate: gate "utilization.cpu >> 1": expected "< VALUE"/,
    );
    await expect(runCommand([file, "--baseline", "nope"])).rejects.toThrow(/--baseline "nope" is not among/);
  });
});
