/**
 * The checks every command that simulates makes (run, explain, diff, sweep, plan): before the first run,
 * the work estimate against the limits of docs/limits.md (a usage error, exit 2, unless --allow-large);
 * during each run, the budget (run-budget.ts) that stops an event storm the estimate could not foresee.
 */
import type { CompiledScenario } from "../scenario/compile.ts";
import { DEFAULT_RUN_BUDGET, type RunBudget } from "../sim/run-budget.ts";
import { DEFAULT_DECISION_TIMEOUT_MS } from "../sim/strategy-guard.ts";
import { estimateWork, type WorkEstimate, workProblem } from "../sim/work-estimate.ts";
import type { OptionSpec } from "./command.ts";
import { SCENARIO_OPTIONS } from "./scenario-flags.ts";
import { UsageError } from "./usage-error.ts";

/** --allow-large, for every command that simulates. */
export const ALLOW_LARGE_OPTION = {
  "allow-large": {
    type: "boolean",
    help:
      "run even when the work estimate (tasks, samples, instances x seeds) is above the\n" +
      "limits of docs/limits.md, and lift the per-run event budget",
  },
} as const satisfies Record<string, OptionSpec>;

/** --decision-timeout, for every command that may run strategy files. */
export const DECISION_TIMEOUT_OPTION = {
  "decision-timeout": {
    type: "string",
    value: "S",
    help:
      "seconds a strategy file's hook (or its import) may run before the command is stopped\n" +
      "as a strategy fault (default 10; strategy files run in a watched worker, docs/limits.md)",
  },
} as const satisfies Record<string, OptionSpec>;

/**
 * The options every command that simulates a scenario ends its list with (explain, diff, sweep, plan; run
 * puts its own between them): --allow-large, --decision-timeout, then the scenario overrides.
 */
export const SIMULATING_OPTIONS = {
  ...ALLOW_LARGE_OPTION,
  ...DECISION_TIMEOUT_OPTION,
  ...SCENARIO_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

/** --decision-timeout in milliseconds (default 10 s); a value that is no number of seconds > 0 is a usage error. */
export function decisionTimeoutMs(command: string, value: string | undefined): number {
  if (value === undefined) return DEFAULT_DECISION_TIMEOUT_MS;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n <= 0)
    throw new UsageError(`${command}: --decision-timeout needs a number of seconds > 0 (got "${value}")`);
  return n * 1000;
}

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
