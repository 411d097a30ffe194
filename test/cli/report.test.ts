import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readResults, reportCommand } from "../../src/cli/report.ts";
import { runCommand } from "../../src/cli/run.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { drawnCharts } from "../../src/report/static-charts.ts";
import { TASK_CSV_HEADER } from "../../src/report/task-csv.ts";
import { InputError } from "../../src/scenario/problems.ts";

const SCENARIO = `name: saved
seed: 3
replications: 3
horizon: 1h
cluster:
  instances: [{ type: m5.large, count: 4, zones: [us-east-1a, us-east-1b] }]
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: job, cpu: 256, memory: 1024 }]
workload:
  - { taskDefinition: job, arrival: { type: poisson, ratePerHour: 60 }, duration: { type: exponential, mean: 10m } }
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "berth-report-"));
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

async function run(...extra: string[]): Promise<string> {
  const file = join(dir, "s.yaml");
  writeFileSync(file, SCENARIO);
  const out = join(dir, "run");
  expect(
    await runCommand([
      file,
      "--out",
      out,
      "--quiet",
      "--strategy",
      "binpack",
      "--strategy",
      "spread",
      "--strategy",
      "random",
      ...extra,
    ]),
  ).toBe(0);
  return out;
}

describe("berth report", () => {
  it("rebuilds index.html and summary.md byte-identical to the run's own", async () => {
    const out = await run();
    const rebuilt = join(dir, "rebuilt");
    expect(await reportCommand([join(out, "results.json"), "--out", rebuilt, "--quiet"])).toBe(0);
    for (const name of ["index.html", "summary.md"]) {
      expect(readFileSync(join(rebuilt, name)).equals(readFileSync(join(out, name))), name).toBe(true);
    }
    // The page carries the reproducibility card with the exact command line and the built-in's version.
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain("Reproduce this run");
    expect(html).toMatch(/berth run \S+s\.yaml --out \S+ --quiet --strategy binpack/);
    expect(html).toMatch(/built-in: berth \d+\.\d+\.\d+/);
  });

  it("writes each drawn chart as SVG and PNG, links them from summary.md, and rebuilds the same bytes", {
    timeout: 180_000,
  }, async () => {
    const out = await run("--svg", "--png");
    const results = readResults(join(out, "results.json"));
    const drawn = drawnCharts(results);
    expect(drawn.length).toBeGreaterThan(3);
    expect(readdirSync(join(out, "charts")).sort()).toEqual(
      drawn.flatMap((id) => [`${id}.png`, `${id}.svg`]).sort(),
    );
    for (const id of drawn) {
      expect(readFileSync(join(out, "charts", `${id}.svg`), "utf8")).toMatch(/^<svg[^>]*xmlns/);
      expect(
        readFileSync(join(out, "charts", `${id}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe("PNG");
    }
    const summary = readFileSync(join(out, "summary.md"), "utf8");
    expect(summary).toContain("## Charts");
    for (const id of drawn) expect(summary).toContain(`](charts/${id}.svg)`);
    expect(summary).not.toContain(".png)");
    const rebuilt = join(dir, "rebuilt");
    expect(
      await reportCommand([join(out, "results.json"), "--out", rebuilt, "--quiet", "--svg", "--png"]),
    ).toBe(0);
    for (const name of [
      "summary.md",
      "index.html",
      ...drawn.flatMap((id) => [`charts/${id}.svg`, `charts/${id}.png`]),
    ])
      expect(readFileSync(join(rebuilt, name)).equals(readFileSync(join(out, name))), name).toBe(true);
  });

  it("records the packing heatmap on the first seed, on --heatmap-seed's, or on none", async () => {
    const seedsOf = (out: string) =>
      readResults(join(out, "results.json")).strategies.map((s) => s.packing?.seed);
    const first = await run();
    expect(seedsOf(first)).toEqual([3, 3, 3]);
    expect(readFileSync(join(first, "index.html"), "utf8")).toContain('data-chart="packingHeatmap"');
    expect(seedsOf(await run("--heatmap-seed", "5"))).toEqual([5, 5, 5]);
    const none = await run("--heatmap-seed", "none");
    expect(seedsOf(none)).toEqual([undefined, undefined, undefined]);
    expect(readFileSync(join(none, "index.html"), "utf8")).toContain('data-chart-empty="packingHeatmap"');
    await expect(run("--heatmap-seed", "6")).rejects.toThrow(
      new UsageError(`run: --heatmap-seed needs one of the run's seeds (3..5) or none (got "6")`),
    );
  });

  it("writes one CSV row per task with --tasks", async () => {
    const csv = join(dir, "tasks.csv");
    const out = await run("--tasks", csv);
    const [header, ...rows] = readFileSync(csv, "utf8").trimEnd().split("\n");
    expect(header).toBe(TASK_CSV_HEADER);
    const results = readResults(join(out, "results.json"));
    const submitted = results.strategies.flatMap((s) => s.runs.map((r) => r.metrics.tasks.submitted));
    expect(rows).toHaveLength(submitted.reduce((a, n) => a + n, 0));
    for (const s of results.strategies)
      for (const r of s.runs)
        expect(rows.filter((row) => row.startsWith(`${s.name},${r.seed},`))).toHaveLength(
          r.metrics.tasks.submitted,
        );
    // No chart images unless asked for.
    expect(existsSync(join(out, "charts"))).toBe(false);
  });

  it("computes the verdict of a results.json written before it existed", async () => {
    const out = await run();
    const saved = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    const { verdict, ...old } = saved;
    const file = join(dir, "old.json");
    writeFileSync(file, JSON.stringify(old));
    expect(readResults(file).verdict).toEqual(verdict);
  });

  it("names a broken or foreign file at its line and column", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{\n  "schemaVersion": 1,\n  oops\n}');
    await expect(reportCommand([broken])).rejects.toThrow(InputError);
    await expect(reportCommand([broken])).rejects.toThrow(/broken\.json:3:\d+ .*not valid JSON/);
    const foreign = join(dir, "foreign.json");
    writeFileSync(foreign, '{"hello": 1}');
    await expect(reportCommand([foreign])).rejects.toThrow(/foreign\.json:1:1 .*schemaVersion/);
    await expect(reportCommand([join(dir, "missing.json")])).rejects.toThrow(/no such file/);
    expect(existsSync(join(dir, "index.html"))).toBe(false);
  });

  it("appends summary.md to GITHUB_STEP_SUMMARY when set", async () => {
    const summary = join(dir, "step-summary.md");
    writeFileSync(summary, "previous step\n");
    vi.stubEnv("GITHUB_STEP_SUMMARY", summary);
    const out = await run();
    const text = readFileSync(summary, "utf8");
    expect(text.startsWith("previous step\n")).toBe(true);
    expect(text).toContain(readFileSync(join(out, "summary.md"), "utf8"));
    expect(text).toContain("## Verdict");
  });
});

describe("berth report --out", () => {
  it("is a usage error when it names a file, and writes nothing", async () => {
    const out = await run();
    const file = join(dir, "a-file");
    writeFileSync(file, "not a folder");
    await expect(reportCommand([join(out, "results.json"), "--out", file])).rejects.toThrow(UsageError);
    expect(readFileSync(file, "utf8")).toBe("not a folder");
  });
});
