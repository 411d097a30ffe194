/**
 * The checks every command that simulates makes (run, explain, diff, sweep, plan): before the first run,
 * the work estimate against the limits of docs/limits.md (a usage error, exit 2, unless --allow-large);
 * during each run, the budget (run-budget.ts) that stops an event storm the estimate could not foresee.
 */
import type { CompiledScenario } from "../scenario/compile.ts";
import { DEFAULT_RUN_BUDGET, type RunBudget } from "../sim/run-budget.ts";
import { estimateWork, type WorkEstimate, workProblem } from "../sim/work-estimate.ts";
import { UsageError } from "./usage-error.ts";

/** Throws a UsageError when `runs` runs of each of `strategies` strategies are beyond the limits. */
export function checkWork(
  command: string,
  file: string,
  scenario: CompiledScenario,
  strategies: number,
  seeds: number,
  allowLarge: boolean,
): WorkEstimate {
  const work = estimateWork(scenario, strategies, seeds);
  const problem = allowLarge ? undefined : workProblem(work);
  if (problem !== undefined) throw new UsageError(`${command}: ${file}: ${problem}`);
  return work;
}

/**
 * The event ceiling of each run: 20 times the estimated events of one run (at least ten million), so only
 * an event storm the estimate could not foresee reaches it; none with --allow-large. The heap ceiling
 * always applies.
 */
export function runBudgetFor(work: WorkEstimate, allowLarge: boolean): RunBudget {
  if (allowLarge) return DEFAULT_RUN_BUDGET;
  const perRun = work.events / Math.max(1, work.runs);
  return { ...DEFAULT_RUN_BUDGET, maxEvents: Math.max(1e7, Math.ceil(20 * perRun)) };
}

/** checkWork, then the budget of each run. */
export function workBudget(
  command: string,
  file: string,
  scenario: CompiledScenario,
  strategies: number,
  seeds: number,
  allowLarge: boolean,
): RunBudget {
  return runBudgetFor(checkWork(command, file, scenario, strategies, seeds, allowLarge), allowLarge);
}
