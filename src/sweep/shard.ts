/**
 * Splitting work over the array jobs of existing batch engines. `--shard i/n` (1-based, like Playwright)
 * takes the units at positions i-1, i-1+n, i-1+2n, ... of the list sorted by key (round-robin, so shards
 * get near-equal counts and similar mixes). `--shard auto` reads the index the engine sets for each array
 * task; engines whose tasks do not know the array size take it from --shard-total or BERTH_SHARD_TOTAL.
 */
import type { Shard } from "./unit-file.ts";

export interface ShardEngine {
  name: string;
  /** Variable holding the task's index. */
  index: string;
  /** Variable holding the array size, when the engine sets one. */
  total?: string;
  /** Whether the engine's index counts from 0. */
  zeroBased: boolean;
}

/** In the order `auto` tries them. */
export const SHARD_ENGINES: ShardEngine[] = [
  { name: "Kubernetes Indexed Job", index: "JOB_COMPLETION_INDEX", zeroBased: true },
  {
    name: "AWS Batch array job",
    index: "AWS_BATCH_JOB_ARRAY_INDEX",
    total: "AWS_BATCH_JOB_ARRAY_SIZE",
    zeroBased: true,
  },
  { name: "Cloud Run job", index: "CLOUD_RUN_TASK_INDEX", total: "CLOUD_RUN_TASK_COUNT", zeroBased: true },
  {
    name: "Slurm job array",
    index: "SLURM_ARRAY_TASK_ID",
    total: "SLURM_ARRAY_TASK_COUNT",
    zeroBased: false,
  },
];

export interface ResolvedShard {
  shard: Shard;
  /** How it was found, printed for the user: "--shard 2/4" or "Kubernetes Indexed Job (JOB_COMPLETION_INDEX=1, ...)". */
  source: string;
}

const wholeNumber = (text: string | undefined) =>
  text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;

/**
 * Reads the --shard flag. Returns a message (for a usage error) when it cannot. `totalFlag` is
 * --shard-total. Slurm's SLURM_ARRAY_TASK_ID is the array's own index: with --array=1-8 it is 1..8, with
 * --array=0-7 0..7; SLURM_ARRAY_TASK_MIN tells which, so the shard is ID - MIN + 1.
 */
export function resolveShard(
  flag: string,
  env: Record<string, string | undefined>,
  totalFlag?: string,
): ResolvedShard | string {
  if (flag !== "auto") {
    const m = /^(\d+)\/(\d+)$/.exec(flag.trim());
    if (!m) return `--shard takes i/n (1-based, e.g. 2/4) or auto (got "${flag}")`;
    const index = Number(m[1]);
    const total = Number(m[2]);
    if (total < 1 || index < 1 || index > total) return `--shard ${flag}: need 1 <= i <= n`;
    return { shard: { index, total }, source: `--shard ${index}/${total}` };
  }
  for (const engine of SHARD_ENGINES) {
    const raw = env[engine.index];
    if (raw === undefined || raw === "") continue;
    const at = wholeNumber(raw);
    if (at === undefined) return `--shard auto: ${engine.index}="${raw}" is not a whole number`;
    const totalText = totalFlag ?? (engine.total ? env[engine.total] : undefined) ?? env.BERTH_SHARD_TOTAL;
    const totalFrom =
      totalFlag !== undefined
        ? "--shard-total"
        : engine.total && env[engine.total] !== undefined
          ? engine.total
          : "BERTH_SHARD_TOTAL";
    const total = wholeNumber(totalText);
    if (total === undefined || total < 1)
      return `--shard auto: ${engine.name} sets ${engine.index} but not the number of shards; give --shard-total N or BERTH_SHARD_TOTAL`;
    let index = engine.zeroBased ? at + 1 : at;
    if (!engine.zeroBased) {
      const min = wholeNumber(env.SLURM_ARRAY_TASK_MIN) ?? 1;
      index = at - min + 1;
    }
    if (index < 1 || index > total)
      return `--shard auto: ${engine.index}=${raw} is outside a ${total}-shard array (${totalFrom}=${totalText})`;
    return {
      shard: { index, total },
      source: `${engine.name} (${engine.index}=${raw}, ${totalFrom}=${totalText}): shard ${index}/${total}`,
    };
  }
  return `--shard auto: no array index found (looked for ${SHARD_ENGINES.map((e) => e.index).join(", ")})`;
}

/** The items of shard i/n: every n-th of the list (sorted by key by the caller), starting at i-1. */
export function selectShard<T>(items: readonly T[], shard: Shard | null): T[] {
  if (!shard) return [...items];
  return items.filter((_, k) => k % shard.total === shard.index - 1);
}

export function shardFileName(shard: Shard | null): string {
  return shard ? `berth-shard-${shard.index}-of-${shard.total}.ndjson` : "units.ndjson";
}
