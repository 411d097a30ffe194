/**
 * The real trace samples beside the project (../shared/traces, never copied into the repository) import
 * and run end to end, and every row is accounted for. Skipped, saying so, when that folder is absent (a
 * fresh clone).
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { importAlibaba2018 } from "../../src/import/alibaba-2018.ts";
import { importAlibabaGpu2023 } from "../../src/import/alibaba-gpu-2023.ts";
import { importGoogle2011 } from "../../src/import/google-2011.ts";
import type { ImportResult } from "../../src/import/import-result.ts";
import { writeImport } from "../../src/import/write-import.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { simulate } from "../../src/sim/simulate.ts";

const TRACES = resolve(import.meta.dirname, "../../../shared/traces");
const present = existsSync(TRACES);
if (!present)
  console.warn(`shared trace samples not found at ${TRACES}: skipping the real-trace import tests`);
const out = mkdtempSync(join(tmpdir(), "berth-shared-"));

const lines = (path: string) => {
  const buf = readFileSync(path);
  const text = (path.endsWith(".gz") ? gunzipSync(buf) : buf).toString("utf8");
  return text.split("\n").filter((l) => l.trim() !== "").length;
};

/** Writes the import, loads the scenario it wrote and runs its first strategy; returns tasks submitted. */
async function endToEnd(r: ImportResult, name: string): Promise<number> {
  const written = await writeImport(r, join(out, `${name}.yaml`));
  const { scenario } = loadScenarioFile(written.scenario);
  const trace = scenario.sources[0]!.trace!;
  // The scenario replays exactly the imported tasks (rows with count stand for several).
  expect(trace.reconciliation.tasks).toBe(r.tasks.length);
  expect(trace.reconciliation.skipped).toEqual({});
  const run = simulate(scenario, scenario.strategies[0]!, 1);
  return run.metrics.tasks.submitted;
}

describe.skipIf(!present)("real trace samples (../shared/traces)", () => {
  it("google-2011: the task_events shard imports with every row accounted for, and runs", {
    timeout: 120_000,
  }, async () => {
    const shard = join(TRACES, "google-2011/task_events-part-00001-of-00500.csv.gz");
    const r = importGoogle2011([shard], { sample: 0.2, seed: 1 });
    expect(r.stats.rowsRead).toBe(lines(shard));
    const events = [...r.events.values()].reduce((a, b) => a + b, 0);
    expect(events).toBe(r.stats.rowsRead); // every row has a known event type
    // Every task comes from one SCHEDULE: tasks + left out by --sample <= SCHEDULE events.
    expect(r.stats.tasks + (r.stats.skipped.get("left out by --sample")?.count ?? 0)).toBeLessThanOrEqual(
      r.events.get("SCHEDULE")!,
    );
    expect(r.tasks.length).toBeGreaterThan(1000);
    // The horizon covers the last submission, so every imported task is submitted.
    expect(await endToEnd(r, "google")).toBe(r.tasks.length);
  });

  it("alibaba-2018: machine_meta with batch_task and container_meta", { timeout: 120_000 }, async () => {
    const d = join(TRACES, "alibaba-2018");
    const files = ["machine_meta.csv", "batch_task-head50k.csv", "container_meta-head20k.csv"].map((f) =>
      join(d, f),
    );
    const r = importAlibaba2018(files, { to: 3 * 3600, sample: 0.05, seed: 1 });
    // Header of batch_task is not a row; every other line is read.
    expect(r.stats.rowsRead).toBe(lines(files[0]!) + lines(files[1]!) - 1 + lines(files[2]!));
    expect(r.groups.reduce((n, g) => n + g.count, 0)).toBe(
      new Set(
        readFileSync(files[0]!, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => l.split(",")[0]),
      ).size,
    );
    expect(new Set(r.groups.map((g) => g.zone)).size).toBeGreaterThan(10);
    const submitted = await endToEnd(r, "alibaba");
    expect(submitted).toBe(r.tasks.reduce((n, t) => n + t.count, 0));
  });

  it("alibaba-gpu-2023: openb, 1,523 nodes and 8,152 pods, runs", { timeout: 120_000 }, async () => {
    const d = join(TRACES, "alibaba-gpu-2023");
    const r = importAlibabaGpu2023(
      [join(d, "openb_node_list_all_node.csv"), join(d, "openb_pod_list_default.csv")],
      {},
    );
    expect(r.groups.reduce((n, g) => n + g.count, 0)).toBe(1523);
    expect(
      r.types.reduce((n, t) => n + (t.gpu ?? 0) * r.groups.find((g) => g.type === t.name)!.count, 0),
    ).toBe(6212);
    expect(r.tasks).toHaveLength(8152);
    expect(r.tasks.filter((t) => t.gpuMilli > 0).length).toBeGreaterThan(0);
    expect(await endToEnd(r, "openb")).toBe(8152);
  });
});
