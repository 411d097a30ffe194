/**
 * `berth run --shard i/n` + `berth merge`: the merged results.json equals the unsharded run's outside
 * `timing` and `provenance.invocation`, and summary.md byte for byte; seeds are the units.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { mergeCommand } from "../../src/cli/merge.ts";
import { runCommand } from "../../src/cli/run.ts";
import { type Results, serializeResults, withoutTiming } from "../../src/report/results.ts";
import { readRunShard } from "../../src/sweep/run-shard.ts";

// A scenario with services, scaling and gates (dynamics series and gate results must survive the files).
const SCENARIO = ["scenarios/autoscaling.yaml", "--set", "horizon=12h", "--seeds", "5"];
const GATE = ["--gate", "placementDelay.p95 < 1h", "--baseline", "binpack-memory"];

const comparable = (path: string) =>
  serializeResults(withoutTiming(JSON.parse(readFileSync(path, "utf8")) as Results) as object);

async function quietly<T>(f: () => Promise<T> | T): Promise<{ value: T; out: string; err: string }> {
  const log = console.log;
  const error = console.error;
  let out = "";
  let err = "";
  console.log = (...a: unknown[]) => {
    out += `${a.join(" ")}\n`;
  };
  console.error = (...a: unknown[]) => {
    err += `${a.join(" ")}\n`;
  };
  try {
    return { value: await f(), out, err };
  } finally {
    console.log = log;
    console.error = error;
  }
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "berth-run-shard-"));
  const whole = await quietly(() =>
    runCommand([...SCENARIO, ...GATE, "--out", join(dir, "whole"), "--quiet"]),
  );
  expect(whole.value).toBe(0);
}, 300_000);

describe("berth run --shard", () => {
  it("splits the seeds round-robin by key and merges into the unsharded report", async () => {
    const shards = join(dir, "shards");
    for (const i of [1, 2]) {
      const r = await quietly(() => runCommand([...SCENARIO, ...GATE, "--shard", `${i}/3`, "--out", shards]));
      expect(r.value).toBe(0);
      expect(r.out).toContain(`shard ${i}/3`);
    }
    // Shard 3 from an AWS Batch array index (0-based).
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_BATCH_JOB_ARRAY_INDEX: "2", AWS_BATCH_JOB_ARRAY_SIZE: "3" });
    try {
      const r = await quietly(() => runCommand([...SCENARIO, ...GATE, "--shard", "auto", "--out", shards]));
      expect(r.value).toBe(0);
      expect(r.out).toContain("shard from AWS Batch array job (AWS_BATCH_JOB_ARRAY_INDEX=2");
    } finally {
      process.env = saved;
    }
    expect(readdirSync(shards).sort()).toEqual([
      "berth-shard-1-of-3.ndjson",
      "berth-shard-2-of-3.ndjson",
      "berth-shard-3-of-3.ndjson",
    ]);
    // 5 seeds over 3 shards: 2, 2, 1, each seed exactly once.
    const seeds = [1, 2, 3].map((i) =>
      readRunShard(join(shards, `berth-shard-${i}-of-3.ndjson`)).records.map((r) => r.seed),
    );
    expect(seeds.map((s) => s.length)).toEqual([2, 2, 1]);
    expect(seeds.flat().sort()).toEqual([1, 2, 3, 4, 5].map((k) => seeds.flat().sort()[0]! + k - 1));

    const merged = await quietly(() => mergeCommand([shards, "--out", join(dir, "merged")]));
    expect(merged.err).toBe("");
    expect(merged.value).toBe(0);
    expect(merged.out).toMatch(/5\/5 seeds from 3 files/);
    expect(merged.out).toContain("gate passed");
    expect(comparable(join(dir, "merged", "results.json"))).toBe(
      comparable(join(dir, "whole", "results.json")),
    );
    expect(readFileSync(join(dir, "merged", "summary.md"), "utf8")).toBe(
      readFileSync(join(dir, "whole", "summary.md"), "utf8"),
    );
    const doc = JSON.parse(readFileSync(join(dir, "merged", "results.json"), "utf8")) as Results;
    expect(doc.provenance?.invocation?.command).toMatch(/^berth merge /);
    expect(doc.strategies[0]!.runs[0]!.dynamics).toBeDefined();
    // The packing heatmap of the first seed travels in whichever shard ran that seed.
    expect(doc.strategies.map((s) => s.packing?.seed)).toEqual(
      doc.strategies.map(() => doc.scenario.seeds[0]),
    );
  }, 300_000);

  it("lists the missing seeds and exits 1 when a shard is absent", async () => {
    const shards = join(dir, "shards");
    const r = await quietly(() =>
      mergeCommand([join(shards, "berth-shard-1-of-3.ndjson"), join(shards, "berth-shard-3-of-3.ndjson")]),
    );
    expect(r.value).toBe(1);
    expect(r.err).toMatch(
      /^merge: 2 seed\(s\) missing:\n {2}[0-9a-f]{20} \(seed \d+\)\n {2}[0-9a-f]{20} \(seed \d+\)\n$/,
    );
  });

  it("refuses shards of different runs, and a sweep's files mixed with a run's", async () => {
    const other = join(dir, "other");
    const r = await quietly(() =>
      runCommand([...SCENARIO, "--set", "seed=100", "--shard", "1/3", "--out", other, "--quiet"]),
    );
    expect(r.value).toBe(0);
    await expect(
      mergeCommand([
        join(dir, "shards", "berth-shard-2-of-3.ndjson"),
        join(other, "berth-shard-1-of-3.ndjson"),
      ]),
    ).rejects.toThrow(/^merge: cannot merge .* with .*: run [0-9a-f]{20} vs [0-9a-f]{20}$/);
    const sweepFile = join(dir, "sweep-units.ndjson");
    writeFileSync(sweepFile, `${JSON.stringify({ format: "berth-sweep-units" })}\n`);
    await expect(mergeCommand([join(dir, "shards", "berth-shard-2-of-3.ndjson"), sweepFile])).rejects.toThrow(
      /^merge: cannot merge run shards \(.*berth-shard-2-of-3.ndjson\) with sweep unit files \(.*sweep-units.ndjson\)$/,
    );
    await expect(runCommand([...SCENARIO, "--shard", "1/3", "--junit", join(dir, "j.xml")])).rejects.toThrow(
      /--junit goes with the whole run/,
    );
    await expect(runCommand([...SCENARIO, "--shard", "4/3"])).rejects.toThrow(/need 1 <= i <= n/);
  });
});
