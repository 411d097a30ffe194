/**
 * The sweep end to end: results independent of the worker count, shards merged = the unsharded run, a
 * killed run resumed loses nothing, and the report's charts render without warnings.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mergeUnitFiles } from "../../src/sweep/merge.ts";
import { sweepCharts } from "../../src/sweep/report/charts.ts";
import { runSweep } from "../../src/sweep/run-sweep.ts";
import { buildSweepResults, serializeSweep, sweepWithoutTiming } from "../../src/sweep/sweep-results.ts";
import { readUnitFile } from "../../src/sweep/unit-file.ts";
import { render } from "../report/charts/render.ts";
import { berth, berthChild, SWEEP_FILE, tinyPlan, WORKER_URL } from "./helpers.ts";

const withoutTiming = (json: string) => JSON.stringify(sweepWithoutTiming(JSON.parse(json)));

let dir: string;
let oneWorker: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "berth-sweep-"));
  const { sweep, plan } = tinyPlan();
  const { records } = await runSweep(plan, sweep, {
    outDir: join(dir, "w1"),
    shard: null,
    workers: 1,
    workerUrl: WORKER_URL,
  });
  oneWorker = serializeSweep(buildSweepResults(plan, records));
}, 300_000);

describe("berth sweep", () => {
  it("gives the same sweep.json (outside timing) on 2 workers as on 1, whatever the finishing order", async () => {
    const { sweep, plan } = tinyPlan();
    const { records } = await runSweep(plan, sweep, {
      outDir: join(dir, "w2"),
      shard: null,
      workers: 2,
      workerUrl: WORKER_URL,
    });
    const two = serializeSweep(buildSweepResults(plan, [...records].reverse()));
    expect(withoutTiming(two)).toBe(withoutTiming(oneWorker));
    // Every strategy of a cell ran on the same seeds (paired), and the figures differ across cells.
    const results = JSON.parse(two);
    expect(results.cells).toHaveLength(4);
    for (const cell of results.cells)
      for (const s of cell.strategies)
        expect(s.runs.map((r: { seed: number }) => r.seed)).toEqual([11, 12, 13]);
    const submitted = results.cells.map(
      (c: { strategies: { summary: { tasks: { submitted: { mean: number } } } }[] }) =>
        c.strategies[0]!.summary.tasks.submitted.mean,
    );
    expect(submitted[2]).toBeGreaterThan(1.5 * submitted[0]); // loadFactor 1 vs 0.5
  }, 300_000);

  it("merges 3 shards into the unsharded report, byte for byte outside timing", async () => {
    const out = join(dir, "shards");
    // Shards 1 and 2 in process, shard 3 through the CLI's --shard auto under a Kubernetes index.
    const { sweep, plan } = tinyPlan();
    for (const index of [1, 2])
      await runSweep(plan, sweep, {
        outDir: out,
        shard: { index, total: 3 },
        workers: 1,
        workerUrl: WORKER_URL,
      });
    const r = berth(["sweep", SWEEP_FILE, "--shard", "auto", "--out", out, "--workers", "1"], {
      JOB_COMPLETION_INDEX: "2",
      BERTH_SHARD_TOTAL: "3",
    });
    // Not a TTY (and CI set): plain progress lines, the last one at 100%.
    expect(r.stderr).toMatch(/^sweep tiny-sweep: 4\/4 units \(100%\), [\d.]+\/s, ETA 0s\n$/m);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "shard from Kubernetes Indexed Job (JOB_COMPLETION_INDEX=2, BERTH_SHARD_TOTAL=3): shard 3/3",
    );
    expect(readUnitFile(join(out, "berth-shard-2-of-3.ndjson")).header.shard).toEqual({ index: 2, total: 3 });
    // Two shards only: the missing units are listed and the exit code is 1.
    const partial = berth([
      "merge",
      join(out, "berth-shard-1-of-3.ndjson"),
      join(out, "berth-shard-3-of-3.ndjson"),
    ]);
    expect(partial.status).toBe(1);
    expect(partial.stderr).toMatch(/^merge: 4 unit\(s\) missing:\n {2}[0-9a-f]{20} \(cell \d, seed 1[123]\)/);
    const merged = berth([
      "merge",
      out,
      join(out, "berth-shard-2-of-3.ndjson"),
      "--out",
      join(dir, "merged"),
    ]);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toMatch(/12\/12 units from 4 file\(s\), 4 duplicate\(s\) ignored/);
    expect(withoutTiming(readFileSync(join(dir, "merged", "sweep.json"), "utf8"))).toBe(
      withoutTiming(oneWorker),
    );
    for (const f of ["summary.md", "index.html", "units.ndjson"])
      expect(existsSync(join(dir, "merged", f))).toBe(true);
  }, 300_000);

  it("refuses to merge files of different sweeps", () => {
    const other = join(dir, "other");
    const r = berth([
      "sweep",
      SWEEP_FILE,
      "--set",
      "seed=5",
      "--shard",
      "1/3",
      "--out",
      other,
      "--workers",
      "1",
      "--quiet",
    ]);
    expect(r.status).toBe(0);
    const m = berth([
      "merge",
      join(dir, "shards", "berth-shard-1-of-3.ndjson"),
      join(other, "berth-shard-1-of-3.ndjson"),
    ]);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/^berth: merge: cannot merge .* with .*: sweep [0-9a-f]+ vs [0-9a-f]+\n$/);
  }, 300_000);

  it("resumes after a real kill, skipping finished units and losing none", async () => {
    const out = join(dir, "killed");
    const file = join(out, "units.ndjson");
    const child = berthChild(["sweep", SWEEP_FILE, "--out", out, "--workers", "1"]);
    const unitLines = () => (existsSync(file) ? readFileSync(file, "utf8").split("\n").length - 2 : 0);
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (unitLines() >= 3) {
          clearInterval(poll);
          child.kill("SIGKILL");
          resolve();
        }
      }, 20);
      child.on("exit", () => {
        clearInterval(poll);
        reject(new Error("the sweep finished before it could be killed"));
      });
    });
    await new Promise((r) => child.once("exit", r));
    const before = readUnitFile(file).records.map((r) => r.key);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(12);
    const resumed = berth(["sweep", SWEEP_FILE, "--out", out, "--workers", "2"]);
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain(`${before.length} already done (resuming`);
    const after = mergeUnitFiles([file]);
    expect(after.duplicates).toBe(0);
    expect(after.missing).toEqual([]);
    expect(after.records.map((r) => r.key)).toEqual(expect.arrayContaining(before));
    expect(withoutTiming(readFileSync(join(out, "sweep.json"), "utf8"))).toBe(withoutTiming(oneWorker));
  }, 300_000);

  it("charts every metric against every parameter with a CI band, and renders them without warnings", async () => {
    const results = JSON.parse(oneWorker);
    const charts = sweepCharts(results);
    // 2 metrics x 3 parameters (no heatmap: a 3-parameter sweep).
    expect(charts.map((c) => c.title)).toEqual([
      "placementDelay.p95 against loadFactor",
      "placementDelay.p95 against cluster.instances[0].count",
      "placementDelay.p95 against cluster.instances[0].type",
      "utilization.memory against loadFactor",
      "utilization.memory against cluster.instances[0].count",
      "utilization.memory against cluster.instances[0].type",
    ]);
    for (const c of charts) {
      const { svg, warnings } = await render(c.spec);
      expect(warnings).toEqual([]);
      expect(svg).toContain("area");
    }
  }, 300_000);
});
