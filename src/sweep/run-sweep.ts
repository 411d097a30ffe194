/**
 * Runs the units of a sweep plan (or of one shard) that its NDJSON file does not hold yet, appending each
 * as it finishes, and returns every record of the file.
 */
import { join } from "node:path";
import type { SweepFile } from "./load-sweep.ts";
import { runOnPool } from "./pool.ts";
import type { UnitRecord, UnitTask } from "./run-unit.ts";
import { selectShard, shardFileName } from "./shard.ts";
import { appendUnit, openUnitFile, type Shard, unitFileHeader } from "./unit-file.ts";
import type { SweepPlan } from "./units.ts";

export interface RunSweepOptions {
  outDir: string;
  shard: Shard | null;
  workers: number;
  workerUrl: string;
  /** Shows progress: called once with the number of units to run, then ticked (the CLI's unitProgress). */
  progress?: (label: string, total: number) => { tick(done: number): void; stop(): void };
  say?: (line: string) => void;
}

export async function runSweep(
  plan: SweepPlan,
  sweep: SweepFile,
  options: RunSweepOptions,
): Promise<{ file: string; records: UnitRecord[] }> {
  const file = join(options.outDir, shardFileName(options.shard));
  const mine = selectShard(plan.units, options.shard);
  const wanted = new Set(mine.map((u) => u.key));
  const records = openUnitFile(file, unitFileHeader(plan, options.shard)).filter((r) => wanted.has(r.key));
  const done = new Set(records.map((r) => r.key));
  const todo = mine.filter((u) => !done.has(u.key));
  const cells = new Map(sweep.cells.map((c) => [c.index, c]));
  const tasks: UnitTask[] = todo.map((u) => ({
    key: u.key,
    cell: u.cell,
    seed: u.seed,
    scenarioFile: sweep.scenarioFile,
    overrides: cells.get(u.cell)!.overrides,
    strategies: sweep.strategies,
  }));
  const say = options.say ?? (() => {});
  say(
    `berth: sweep ${plan.name}: ${plan.cells.length} cells, ${plan.units.length} units` +
      (options.shard ? ` (shard ${options.shard.index}/${options.shard.total}: ${mine.length})` : "") +
      (records.length > 0 ? `, ${records.length} already done (resuming ${file})` : "") +
      `, ${Math.min(options.workers, Math.max(1, tasks.length))} workers`,
  );
  const progress = options.progress?.(`sweep ${plan.name}`, tasks.length) ?? { tick() {}, stop() {} };
  try {
    await runOnPool<UnitTask, UnitRecord>(tasks, {
      workers: options.workers,
      workerUrl: options.workerUrl,
      onResult: (record, n) => {
        appendUnit(file, record);
        records.push(record);
        progress.tick(n);
      },
    });
  } finally {
    progress.stop();
  }
  return { file, records };
}
