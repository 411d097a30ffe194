/**
 * One unit of a sweep, as a worker runs it: load the cell's scenario (cached per worker), then every
 * strategy on the unit's seed. Returns only the per-run metrics (not the series): what sweep.json keeps.
 */
import type { RunMetrics } from "../metrics/run-metrics.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import { loadScenarioFile } from "../scenario/load.ts";
import type { Override } from "../scenario/overrides.ts";
import type { RunBudget } from "../sim/run-budget.ts";
import { simulate } from "../sim/simulate.ts";

export interface UnitTask {
  key: string;
  cell: number;
  seed: number;
  scenarioFile: string;
  overrides: Override[];
  strategies: string[] | undefined;
  /** --allow-large: no event ceiling per run (the heap ceiling stays). */
  allowLarge?: boolean;
}

export interface UnitRecord {
  key: string;
  cell: number;
  seed: number;
  runs: { strategy: string; metrics: RunMetrics }[];
  /** Wall-clock seconds of the whole unit in its worker (the only non-deterministic field). */
  timing: { wallSeconds: number };
}

export type StrategyPreparer = (
  scenario: CompiledScenario,
  names: string[] | undefined,
) => StrategySpec[] | Promise<StrategySpec[]>;

const cache = new Map<string, { scenario: CompiledScenario; strategies: StrategySpec[] }>();

/** The event and heap ceilings of each run of a unit (run-budget.ts); default: the heap ceiling only. */
export type BudgetOf = (scenario: CompiledScenario, strategies: StrategySpec[]) => RunBudget;

export async function runUnit(
  task: UnitTask,
  prepare: StrategyPreparer,
  budgetOf?: BudgetOf,
): Promise<UnitRecord> {
  const started = performance.now();
  const id = JSON.stringify([task.scenarioFile, task.overrides, task.strategies]);
  let loaded = cache.get(id);
  if (!loaded) {
    const { scenario } = loadScenarioFile(task.scenarioFile, { overrides: task.overrides });
    loaded = { scenario, strategies: await prepare(scenario, task.strategies) };
    if (cache.size > 64) cache.clear();
    cache.set(id, loaded);
  }
  const budget = budgetOf?.(loaded.scenario, loaded.strategies);
  const runs = loaded.strategies.map((strategy) => ({
    strategy: strategy.name,
    metrics: simulate(loaded.scenario, strategy, task.seed, budget ? { budget } : {}).metrics,
  }));
  return {
    key: task.key,
    cell: task.cell,
    seed: task.seed,
    runs,
    timing: { wallSeconds: (performance.now() - started) / 1000 },
  };
}
