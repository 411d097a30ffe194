/**
 * `berth run --shard i/n`: a run's seeds are its units. Each seed runs every strategy (paired, as in a
 * sweep), its key is the sweep's unit key (scenario hash, strategy fingerprints, seed), and shard i/n takes
 * every n-th unit of the list sorted by key. A shard writes one NDJSON file: a header with everything the
 * report needs (the scenario's results fields, strategies, baseline, gates, strategy origins, the plan of
 * units, and a hash of it all), then one line per seed holding each strategy's full run. `berth merge`
 * rebuilds from the files alone the results.json an unsharded run writes: identical outside `timing` and
 * `provenance.invocation`.
 */
import { readFileSync } from "node:fs";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { StrategyOrigin } from "../report/provenance.ts";
import type { ResultsScenario } from "../report/results.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import type { Gate } from "../scenario/parse-gate.ts";
import type { StrategyRuns } from "../sim/compare.ts";
import type { RunResult } from "../sim/simulate.ts";
import { selectShard } from "./shard.ts";
import { BERTH_VERSION, checkSameWork, type Shard, UnitFileError } from "./unit-file.ts";
import { sha256, type Unit, unitKey } from "./units.ts";

export const RUN_UNITS_FORMAT = "berth-run-units";
export const RUN_UNITS_VERSION = 1;

export interface RunShardPlan {
  /** The scenario file as given (for the user; not part of the hash). */
  file: string;
  scenario: Omit<ResultsScenario, "gates">;
  strategies: Pick<StrategySpec, "name" | "description" | "placementStrategy">[];
  baseline: string;
  /** Scenario gates and --gate flags, in the order the run checks them. */
  gates: Gate[];
  origins: StrategyOrigin[];
  /** Every seed of the run, in run order. */
  seeds: number[];
  /** One per seed, sorted by key (cell is always 0). */
  units: Unit[];
}

export interface RunShardHeader {
  format: typeof RUN_UNITS_FORMAT;
  schemaVersion: number;
  berth: string;
  runHash: string;
  shard: Shard;
  plan: RunShardPlan;
}

/** One seed: each strategy's run, in the plan's strategy order. */
export interface RunUnitRecord {
  key: string;
  seed: number;
  runs: RunResult[];
}

export function planRunShards(
  file: string,
  scenario: CompiledScenario,
  strategies: StrategySpec[],
  seeds: number[],
  extra: { baseline: string; gates: Gate[]; origins: StrategyOrigin[] },
): RunShardPlan {
  const units = seeds
    .map((seed) => ({ key: unitKey(scenario.hash, strategies, seed), cell: 0, seed }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const { name, description, hash, horizon, warmup, sampleEvery, pending } = scenario;
  return {
    file,
    scenario: { name, description, hash, horizon, warmup, sampleEvery, pending },
    strategies: strategies.map((s) => ({
      name: s.name,
      description: s.description,
      placementStrategy: s.placementStrategy,
    })),
    baseline: extra.baseline,
    gates: extra.gates,
    origins: extra.origins,
    seeds,
    units,
  };
}

/** The hash naming a run's work: everything in the plan but where the scenario file is. */
export function runHash(plan: RunShardPlan): string {
  const { file: _where, ...work } = plan;
  return sha256(encode(work)).slice(0, 20);
}

/** The seeds shard i/n runs, in run order. */
export function shardSeeds(plan: RunShardPlan, shard: Shard): number[] {
  const mine = new Set(selectShard(plan.units, shard).map((u) => u.seed));
  return plan.seeds.filter((s) => mine.has(s));
}

/** The shard file's text: header, then one line per seed of the shard in key order. */
export function runShardText(plan: RunShardPlan, shard: Shard, comparison: StrategyRuns[]): string {
  const header: RunShardHeader = {
    format: RUN_UNITS_FORMAT,
    schemaVersion: RUN_UNITS_VERSION,
    berth: BERTH_VERSION,
    runHash: runHash(plan),
    shard,
    plan,
  };
  const lines = [encode(header)];
  for (const unit of selectShard(plan.units, shard)) {
    const runs = plan.strategies.map((s) => {
      const found = comparison
        .find((c) => c.strategy.name === s.name)
        ?.runs.find((r) => r.seed === unit.seed);
      if (!found) throw new Error(`run shard: no run of ${s.name} on seed ${unit.seed}`);
      return found;
    });
    lines.push(encode({ key: unit.key, seed: unit.seed, runs } satisfies RunUnitRecord));
  }
  return `${lines.join("\n")}\n`;
}

/** Whether a unit file's first line is a run shard's header (else it is a sweep's). */
export function isRunShardFile(path: string): boolean {
  const text = readFileSync(path, "utf8");
  const first = text.slice(0, text.indexOf("\n") + 1 || undefined);
  return first.includes(`"format":"${RUN_UNITS_FORMAT}"`);
}

export function readRunShard(path: string): { header: RunShardHeader; records: RunUnitRecord[] } {
  const lines = readFileSync(path, "utf8").split("\n");
  let header: RunShardHeader;
  try {
    header = decode(lines[0]!) as RunShardHeader;
  } catch {
    throw new UnitFileError(`${path}:1: the header is not JSON (not a berth unit file)`);
  }
  if (header?.format !== RUN_UNITS_FORMAT)
    throw new UnitFileError(`${path}:1: not a berth run shard file (format "${String(header?.format)}")`);
  const records: RunUnitRecord[] = [];
  // A file cut short (a killed writer) ends without a newline: its last line is not read.
  const complete = lines.slice(1, -1);
  complete.forEach((line, i) => {
    if (line === "") return;
    try {
      records.push(decode(line) as RunUnitRecord);
    } catch {
      throw new UnitFileError(`${path}:${i + 2}: a unit line is not JSON`);
    }
  });
  return { header, records };
}

export interface MergedRun {
  plan: RunShardPlan;
  files: string[];
  /** Per strategy (plan order), the runs of every seed present, in run order. */
  comparison: StrategyRuns[];
  present: number;
  duplicates: number;
  missing: Unit[];
}

/** Combines run shard files: same run hash, schema and berth version; a seed present twice counts once. */
export function mergeRunShards(files: string[]): MergedRun {
  let first: { file: string; header: RunShardHeader } | undefined;
  const bySeed = new Map<number, RunUnitRecord>();
  let duplicates = 0;
  for (const file of files) {
    const { header, records } = readRunShard(file);
    if (!first) first = { file, header };
    else
      checkSameWork(
        "run",
        { file: first.file, hash: first.header.runHash, ...first.header },
        { file, hash: header.runHash, ...header },
      );
    const keys = new Map(header.plan.units.map((u) => [u.seed, u.key]));
    for (const r of records) {
      if (keys.get(r.seed) !== r.key)
        throw new UnitFileError(`${file}: seed ${r.seed} (key ${r.key}) is not in the run's plan`);
      if (bySeed.has(r.seed)) duplicates++;
      else bySeed.set(r.seed, r);
    }
  }
  if (!first) throw new UnitFileError("no unit files to merge");
  const plan = first.header.plan;
  const seeds = plan.seeds.filter((s) => bySeed.has(s));
  const comparison = plan.strategies.map((strategy, k) => ({
    strategy,
    runs: seeds.map((s) => bySeed.get(s)!.runs[k]!),
  }));
  return {
    plan,
    files,
    comparison,
    present: bySeed.size,
    duplicates,
    missing: plan.units.filter((u) => !bySeed.has(u.seed)),
  };
}

/** The scenario fields results.json needs, with the gates the run checked. */
export function resultsScenario(plan: RunShardPlan): ResultsScenario {
  return { ...plan.scenario, gates: plan.gates };
}

/*
 * JSON that keeps every number exactly: NaN, ±Infinity and -0 (which JSON cannot spell) become {"$n": "..."},
 * Float64Arrays (a run's sorted delays) become {"$f64": [...]}. Finite doubles round-trip through JSON as is.
 */
function encode(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key, v: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Float64Array) return { $f64: Array.from(raw, (x) => special(x) ?? x) };
    return typeof v === "number" ? (special(v) ?? v) : v;
  });
}

function special(x: number): { $n: string } | undefined {
  if (Number.isNaN(x)) return { $n: "NaN" };
  if (x === Number.POSITIVE_INFINITY) return { $n: "Infinity" };
  if (x === Number.NEGATIVE_INFINITY) return { $n: "-Infinity" };
  if (Object.is(x, -0)) return { $n: "-0" };
  return undefined;
}

function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.$n === "string" && Object.keys(o).length === 1) return Number(o.$n);
      if (Array.isArray(o.$f64) && Object.keys(o).length === 1) return Float64Array.from(o.$f64 as number[]);
    }
    return v;
  });
}
