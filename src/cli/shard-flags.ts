/**
 * --shard i/n|auto and --shard-total N, shared by `berth sweep` (units: grid cell x seed) and `berth run`
 * (units: seeds). The selection itself is src/sweep/shard.ts.
 */
import { resolveShard } from "../sweep/shard.ts";
import type { Shard } from "../sweep/unit-file.ts";
import type { OptionSpec } from "./command.ts";
import { UsageError } from "./usage-error.ts";

export const SHARD_OPTIONS = {
  shard: {
    type: "string",
    value: "i/n|auto",
    help:
      "i/n: run only shard i of n (1-based); writes DIR/berth-shard-i-of-n.ndjson, no report\n" +
      "auto: take the shard from the batch engine (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX,\n" +
      "CLOUD_RUN_TASK_INDEX, SLURM_ARRAY_TASK_ID; docs/scaling-out.md)",
  },
  "shard-total": {
    type: "string",
    value: "N",
    help: "the number of shards, for engines that do not say (Kubernetes); or BERTH_SHARD_TOTAL",
  },
} as const satisfies Record<string, OptionSpec>;

/** The shard asked for (printing where `auto` found it), or null without --shard. */
export function shardFromFlags(
  command: string,
  values: { shard?: string | undefined; "shard-total"?: string | undefined },
  say: (line: string) => void,
  env: Record<string, string | undefined> = process.env,
): Shard | null {
  if (values.shard === undefined) {
    if (values["shard-total"] !== undefined)
      throw new UsageError(`${command}: --shard-total goes with --shard auto`);
    return null;
  }
  const resolved = resolveShard(values.shard, env, values["shard-total"]);
  if (typeof resolved === "string") throw new UsageError(`${command}: ${resolved}`);
  say(`berth: shard from ${resolved.source}`);
  return resolved.shard;
}
