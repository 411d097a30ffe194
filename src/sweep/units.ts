/**
 * The work of a sweep: units of (cell, seed), each running every strategy of the cell on that seed so the
 * strategies stay paired (common random numbers). A unit's key is a hash of what determines its result
 * (the cell's compiled scenario hash, the strategies' chains, constraints and file contents, the seed),
 * so the same work has the same key in any process, shard or resumed run; units are kept sorted by key.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import { loadScenarioFile } from "../scenario/load.ts";
import { seedsOf } from "../sim/compare.ts";
import type { SweepFile } from "./load-sweep.ts";

/** Bumped when what a key stands for changes, so old NDJSON lines never count as done. */
export const UNIT_FORMAT = 1;

export const DEFAULT_SWEEP_METRICS = [
  "placementDelay.p99",
  "utilization.cpu",
  "utilization.memory",
  "fragmentation.strandedMemory",
  "cost.dollars",
];

export interface Unit {
  key: string;
  cell: number;
  seed: number;
}

export interface PreparedCell {
  index: number;
  values: unknown[];
  scenarioHash: string;
  seeds: number[];
}

/** Everything a worker, a shard and a merge need; serialized into each NDJSON header. */
export interface SweepPlan {
  name: string;
  description: string;
  hash: string;
  scenario: { file: string; name: string };
  parameters: string[];
  strategies: string[];
  metrics: string[];
  cells: PreparedCell[];
  /** Sorted by key. */
  units: Unit[];
}

export type StrategyResolver = (scenario: CompiledScenario, names: string[] | undefined) => StrategySpec[];

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** What identifies a strategy's behaviour: its chain, its constraints, the contents of its files. */
export function strategyFingerprint(s: StrategySpec): unknown {
  const files = Object.entries(s.modulePaths ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([step, path]) => [step, sha256(readFileSync(path, "utf8"))]);
  return [s.name, s.placementStrategy, s.constraints ?? [], files];
}

export function unitKey(scenarioHash: string, strategies: StrategySpec[], seed: number): string {
  return sha256(JSON.stringify([UNIT_FORMAT, scenarioHash, strategies.map(strategyFingerprint), seed])).slice(
    0,
    20,
  );
}

/** Loads every cell's scenario (so a bad cell is reported before anything runs) and lists the units. */
export function planSweep(sweep: SweepFile, resolveStrategies: StrategyResolver): SweepPlan {
  let scenarioName = "";
  let strategyNames: string[] = [];
  const cells: PreparedCell[] = [];
  const units: Unit[] = [];
  for (const cell of sweep.cells) {
    const { scenario } = loadScenarioFile(sweep.scenarioFile, { overrides: cell.overrides });
    const strategies = resolveStrategies(scenario, sweep.strategies);
    if (cell.index === 0) {
      scenarioName = scenario.name;
      strategyNames = strategies.map((s) => s.name);
    }
    const seeds = seedsOf(scenario, sweep.seeds ?? scenario.replications);
    cells.push({ index: cell.index, values: cell.values, scenarioHash: scenario.hash, seeds });
    for (const seed of seeds)
      units.push({ key: unitKey(scenario.hash, strategies, seed), cell: cell.index, seed });
  }
  units.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const metrics = sweep.metrics ?? DEFAULT_SWEEP_METRICS;
  const body = {
    name: sweep.name,
    description: sweep.description,
    scenario: { file: sweep.scenarioFile, name: scenarioName },
    parameters: sweep.parameters,
    strategies: strategyNames,
    metrics,
    cells,
    units,
  };
  // The hash names the work, not where the files are: the scenario path is left out of it.
  const { scenario: _where, ...work } = body;
  return { ...body, hash: sha256(JSON.stringify(work)).slice(0, 20) };
}
