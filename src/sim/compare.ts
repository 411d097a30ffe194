/**
 * A comparison: every strategy x every replication seed (seed, seed + 1, ...), in that order, each run
 * independent. Same seed = same workload for every strategy (common random numbers).
 */

import { ChainError } from "../placement/registry.ts";
import { StrategyError } from "../placement/strategy.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import type { EventLog } from "./event-log.ts";
import { type RunBudget, RunBudgetExceeded } from "./run-budget.ts";
import { type RunResult, simulate } from "./simulate.ts";

export interface StrategyRuns {
  strategy: StrategySpec;
  runs: RunResult[];
}

export interface CompareOptions {
  strategies?: StrategySpec[];
  replications?: number;
  /** The seeds to run, in this order (a shard of a run); default: seedsOf(scenario, replications). */
  seeds?: readonly number[];
  log?: EventLog;
  /**
   * Record the packing heatmap (RunOptions.packing) on the run of this seed, for every strategy; default
   * none. `berth run` passes the run's first seed unless --heatmap-seed says otherwise.
   */
  heatmapSeed?: number;
  /** Event and heap ceilings for each run (see run-budget.ts). */
  budget?: RunBudget;
  /** Receives the simulated time of each event (see RunOptions.clock). */
  clock?: Float64Array;
  /** Called before each run starts. */
  onStart?: (strategyIndex: number, seed: number) => void;
  onRun?: (strategy: string, seed: number, run: RunResult) => void;
  /** Progress within a run, every 4,096 events: simulated time reached and events so far. */
  onProgress?: (strategy: string, seed: number, simulated: number, events: number) => void;
}

export function seedsOf(scenario: CompiledScenario, replications = scenario.replications): number[] {
  return Array.from({ length: replications }, (_, r) => scenario.seed + r);
}

export function compare(scenario: CompiledScenario, options: CompareOptions = {}): StrategyRuns[] {
  const strategies = options.strategies ?? scenario.strategies;
  const seeds = options.seeds ?? seedsOf(scenario, options.replications);
  return strategies.map((strategy, k) => ({
    strategy,
    runs: seeds.map((seed) => {
      options.onStart?.(k, seed);
      const onProgress = options.onProgress;
      let run: RunResult;
      try {
        run = simulate(scenario, strategy, seed, {
          ...(options.log ? { log: options.log } : {}),
          ...(options.budget ? { budget: options.budget } : {}),
          ...(options.clock ? { clock: options.clock } : {}),
          ...(seed === options.heatmapSeed ? { packing: true } : {}),
          ...(onProgress
            ? { onProgress: (t: number, n: number) => onProgress(strategy.name, seed, t, n) }
            : {}),
        });
      } catch (e) {
        throw inRun(e, strategy, seed);
      }
      options.onRun?.(strategy.name, seed, run);
      return run;
    }),
  }));
}

/**
 * A failed run's error with the run named: a strategy fault gets the seed and the strategy's files; any
 * failure of a strategy that runs user files (setup throwing on the third seed, say) becomes a
 * StrategyError naming strategy, seed and files. Failures of built-in strategies are engine errors and pass
 * unchanged (BERTH_DEBUG=1 shows their stack).
 */
function inRun(e: unknown, strategy: StrategySpec, seed: number): unknown {
  const files = strategy.modulePaths ? Object.keys(strategy.modulePaths) : [];
  const fileText = files.length > 0 ? ` (${files.length === 1 ? "file" : "files"} ${files.join(", ")})` : "";
  const message =
    e instanceof ChainError
      ? `${e.step !== undefined ? `step ${e.step + 1} (${strategy.placementStrategy[e.step]?.type}): ` : ""}${e.detail}`
      : e instanceof Error
        ? e.message
        : String(e);
  if (e instanceof StrategyError) return new StrategyError(`${message}, seed ${seed}${fileText}`);
  if (e instanceof RunBudgetExceeded)
    return new RunBudgetExceeded(`strategy "${strategy.name}" seed ${seed}: ${message}`);
  if (files.length > 0)
    return new StrategyError(`strategy "${strategy.name}"${fileText} failed on seed ${seed}: ${message}`);
  return e;
}
