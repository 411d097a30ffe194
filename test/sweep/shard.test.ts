import { describe, expect, it } from "vitest";
import { resolveShard, selectShard, shardFileName } from "../../src/sweep/shard.ts";

describe("--shard i/n", () => {
  it("reads 1-based i/n and refuses the rest", () => {
    expect(resolveShard("2/4", {})).toEqual({ shard: { index: 2, total: 4 }, source: "--shard 2/4" });
    for (const bad of ["0/4", "5/4", "2", "a/b", "2/0"]) expect(typeof resolveShard(bad, {})).toBe("string");
  });

  it("splits round-robin: every item in exactly one shard, counts within one", () => {
    const items = Array.from({ length: 23 }, (_, k) => `k${String(k).padStart(2, "0")}`);
    const shards = [1, 2, 3, 4, 5].map((index) => selectShard(items, { index, total: 5 }));
    expect(shards.flat().sort()).toEqual(items);
    expect(shards.map((s) => s.length)).toEqual([5, 5, 5, 4, 4]);
    expect(shards[1]!.slice(0, 2)).toEqual(["k01", "k06"]);
    expect(selectShard(items, null)).toEqual(items);
    expect(shardFileName({ index: 2, total: 5 })).toBe("berth-shard-2-of-5.ndjson");
  });
});

describe("--shard auto under each engine's environment", () => {
  const cases: [string, Record<string, string>, string | undefined, { index: number; total: number }][] = [
    ["Kubernetes Indexed Job + --shard-total", { JOB_COMPLETION_INDEX: "0" }, "3", { index: 1, total: 3 }],
    [
      "Kubernetes Indexed Job + BERTH_SHARD_TOTAL",
      { JOB_COMPLETION_INDEX: "2", BERTH_SHARD_TOTAL: "3" },
      undefined,
      { index: 3, total: 3 },
    ],
    [
      "AWS Batch array job",
      { AWS_BATCH_JOB_ARRAY_INDEX: "4", AWS_BATCH_JOB_ARRAY_SIZE: "10" },
      undefined,
      { index: 5, total: 10 },
    ],
    [
      "Cloud Run job",
      { CLOUD_RUN_TASK_INDEX: "1", CLOUD_RUN_TASK_COUNT: "2" },
      undefined,
      { index: 2, total: 2 },
    ],
    [
      "Slurm --array=1-8",
      { SLURM_ARRAY_TASK_ID: "8", SLURM_ARRAY_TASK_COUNT: "8", SLURM_ARRAY_TASK_MIN: "1" },
      undefined,
      { index: 8, total: 8 },
    ],
    [
      "Slurm --array=0-7",
      { SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "8", SLURM_ARRAY_TASK_MIN: "0" },
      undefined,
      { index: 1, total: 8 },
    ],
  ];
  for (const [name, env, total, shard] of cases) {
    it(name, () => {
      const r = resolveShard("auto", env, total);
      if (typeof r === "string") throw new Error(r);
      expect(r.shard).toEqual(shard);
      expect(r.source).toContain(Object.keys(env)[0]!);
    });
  }

  it("says what is missing", () => {
    expect(resolveShard("auto", {})).toMatch(/no array index found \(looked for JOB_COMPLETION_INDEX, /);
    expect(resolveShard("auto", { JOB_COMPLETION_INDEX: "1" })).toMatch(
      /--shard-total N or BERTH_SHARD_TOTAL/,
    );
    expect(resolveShard("auto", { AWS_BATCH_JOB_ARRAY_INDEX: "3", AWS_BATCH_JOB_ARRAY_SIZE: "3" })).toMatch(
      /outside a 3-shard array/,
    );
    expect(resolveShard("auto", { CLOUD_RUN_TASK_INDEX: "x", CLOUD_RUN_TASK_COUNT: "3" })).toMatch(
      /not a whole number/,
    );
  });
});
