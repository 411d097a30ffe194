import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCommand } from "../../src/cli/run.ts";
import { loadStrategyFile, loadStrategyModules, strategySpecForFile } from "../../src/cli/strategy-files.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { StrategyError } from "../../src/placement/strategy.ts";
import { loadScenarioFile, loadScenarioText } from "../../src/scenario/load.ts";
import { simulate } from "../../src/sim/simulate.ts";

const fixture = (name: string) => join("test/cli/fixtures", name);
const out = () => mkdtempSync(join(tmpdir(), "berth-strategy-"));

describe("strategy files", () => {
  it("runs the documented example strategies end to end and reports them under their own names", async () => {
    const dir = out();
    vi.spyOn(console, "log").mockImplementation(() => {});
    const code = await runCommand([
      "scenarios/strategies/custom-strategies.yaml",
      "--quiet",
      "--out",
      dir,
      "--strategy",
      "gpu-reserve",
      "--strategy",
      "./scenarios/strategies/two-choices.ts",
    ]);
    expect(code).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));
    expect(results.strategies.map((s: { name: string }) => s.name)).toEqual(["gpu-reserve", "two-choices"]);
    expect(results.strategies[0].runs[0].metrics.tasks.placed).toBeGreaterThan(0);
    // The description names the file's content, so a changed strategy file shows in results.json.
    expect(results.strategies[1].description).toMatch(
      /^power of two random choices on free memory \[\.\/scenarios\/strategies\/two-choices\.ts sha256:[0-9a-f]{12}\]$/,
    );
  });

  it("stops the run with the strategy, task and time when a strategy throws", async () => {
    const run = runCommand([
      "scenarios/strategies/custom-strategies.yaml",
      "--quiet",
      "--out",
      out(),
      "--strategy",
      fixture("throws.ts"),
    ]);
    await expect(run).rejects.toThrow(StrategyError);
    await expect(
      runCommand([
        "scenarios/strategies/custom-strategies.yaml",
        "--quiet",
        "--out",
        out(),
        "--strategy",
        fixture("throws.ts"),
      ]),
    ).rejects.toThrow(
      /^strategy "throws-late" threw out of ideas while placing task t-\d{6} \((api|inference)\) at t=[\d.]+s, seed \d+ \(file test\/cli\/fixtures\/throws\.ts\)$/,
    );
  });

  it("rejects a place() answer that is no instance", async () => {
    await expect(
      runCommand([
        "scenarios/overloaded.yaml",
        "--quiet",
        "--out",
        out(),
        "--strategy",
        fixture("unknown-instance.ts"),
      ]),
    ).rejects.toThrow(
      /^strategy "unknown-instance" unknown-instance\.place returned 99, which is no instance id while placing task t-000001 \(worker\) at t=[\d.]+s, seed 1 \(file test\/cli\/fixtures\/unknown-instance\.ts\)$/,
    );
  });

  it("reports a file without a strategy, a missing file and a bad step as usage errors", async () => {
    await expect(
      loadStrategyFile(join(process.cwd(), fixture("no-export.ts")), "./no-export.ts"),
    ).rejects.toThrow(
      "strategy file ./no-export.ts exports no strategy (write: export default defineStrategy({ name, score(i, task) { ... } }))",
    );
    await expect(loadStrategyFile(join(process.cwd(), "nope.ts"), "./nope.ts")).rejects.toThrow(
      /^strategy file \.\/nope\.ts does not exist/,
    );
    const bad = runCommand([fixture("tiny.yaml"), "--quiet", "--out", out()]);
    await expect(bad).rejects.toThrow(UsageError);
    await expect(runCommand([fixture("tiny.yaml"), "--quiet", "--out", out()])).rejects.toThrow(
      'strategy "from-file": step 2 (./bad-field.ts): no-field-please takes no field (got "x")',
    );
  });
});

describe("strategy files named in a scenario", () => {
  const scenario = (steps: string) => `name: t
horizon: 1h
cluster: { instances: [{ type: m5.large, count: 1 }] }
taskDefinitions: [{ family: w, containerDefinitions: [{ name: w, cpu: 1, memory: 1 }] }]
workload: [{ taskDefinition: w, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 1 } }]
strategies:
  - { name: s, placementStrategy: ${steps} }
`;
  const problems = (text: string) => {
    try {
      loadScenarioText("s.yaml", text);
      return [];
    } catch (e) {
      return (e as Error).message.split("\n");
    }
  };

  it("resolves paths against the scenario's folder and checks the other steps at load time", () => {
    expect(problems(scenario("[{ type: ./scenarios/strategies/gpu-reserve.ts }]"))).toEqual([]);
    expect(problems(scenario("[{ type: ./nowhere.ts }]"))).toEqual([
      "s.yaml:7:38 strategies[0].placementStrategy[0].type: no strategy file at ./nowhere.ts",
    ]);
    expect(
      problems(scenario("[{ type: ./scenarios/strategies/gpu-reserve.ts }, { type: binpack, field: disk }]")),
    ).toEqual([
      's.yaml:7:85 strategies[0].placementStrategy[1]: binpack field must be "cpu" or "memory" (got "disk")',
    ]);
  });
});

describe("a strategy's random stream", () => {
  it("repeats for the same seed and differs for another", async () => {
    const { scenario } = loadScenarioFile("scenarios/strategies/custom-strategies.yaml");
    const [spec] = await loadStrategyModules(
      [strategySpecForFile("./scenarios/strategies/two-choices.ts")],
      [],
    );
    const placements = (seed: number) => {
      const out: string[] = [];
      simulate(scenario, spec!, seed, {
        log: { write: (_s, _seed, e) => e.state === "RUNNING" && out.push(`${e.task}@${e.instance}`) },
      });
      return out;
    };
    const a = placements(7);
    expect(placements(7)).toEqual(a);
    expect(placements(8)).not.toEqual(a);
  });
});
