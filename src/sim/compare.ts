/**
 * A comparison: every strategy x every replication seed (seed, seed + 1, ...), in that order, each run
 * independent. Same seed = same workload for every strategy (common random numbers).
 */
import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import type { EventLog } from "./event-log.ts";
import { type RunResult, simulate } from "./simulate.ts";

export interface StrategyRuns {
  strategy: StrategySpec;
  runs: RunResult[];
}

export interface CompareOptions {
  strategies?: StrategySpec[];
  replications?: number;
  log?: EventLog;
  onRun?: (strategy: string, seed: number, run: RunResult) => void;
  /** Progress within a run, every 4,096 events: simulated time reached and events so far. */
  onProgress?: (strategy: string, seed: number, simulated: number, events: number) => void;
}

export function seedsOf(scenario: CompiledScenario, replications = scenario.replications): number[] {
  return Array.from({ length: replications }, (_, r) => scenario.seed + r);
}

export function compare(scenario: CompiledScenario, options: CompareOptions = {}): StrategyRuns[] {
  const strategies = options.strategies ?? scenario.strategies;
  const seeds = seedsOf(scenario, options.replications);
  return strategies.map((strategy) => ({
    strategy,
    runs: seeds.map((seed) => {
      const onProgress = options.onProgress;
      const run = simulate(scenario, strategy, seed, {
        ...(options.log ? { log: options.log } : {}),
        ...(onProgress
          ? { onProgress: (t: number, n: number) => onProgress(strategy.name, seed, t, n) }
          : {}),
      });
      options.onRun?.(strategy.name, seed, run);
      return run;
    }),
  }));
}
