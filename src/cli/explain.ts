/**
 * berth explain <scenario> --strategy NAME [--task ID | --at TIME]: why tasks did (not) fit, per instance
 * check, aggregated, with the nearest miss. Re-runs one seed of the strategy and inspects the decisions
 * (the same run `berth run` makes, so the answers describe exactly what happened there).
 */

import { parseDuration } from "../core/duration.ts";
import { taskIdText } from "../model/task-table.ts";
import { type Explanation, explainDecision, formatExplanation } from "../placement/explain.ts";
import { terminalText } from "../report/text-escape.ts";
import { loadScenarioFile } from "../scenario/load.ts";
import type { LogEntry } from "../sim/event-log.ts";
import { type RunProbe, simulate } from "../sim/simulate.ts";
import { type ArgValues, positiveInteger } from "./args.ts";
import { defineCommand, type OptionSpec } from "./command.ts";
import { scenarioOverrides } from "./scenario-flags.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { UsageError } from "./usage-error.ts";
import { decisionTimeoutMs, SIMULATING_OPTIONS, workBudget } from "./work-check.ts";

interface Explained {
  explanation: Explanation;
  placedOn?: string;
}

const EXPLAIN_OPTIONS = {
  strategy: {
    type: "string",
    value: "NAME",
    required: true,
    help: "the strategy (a scenario strategy, a built-in, or ./file.ts)",
  },
  task: { type: "string", value: "ID", help: "explain this task's placement at submission (t-000042 or 42)" },
  at: {
    type: "string",
    value: "TIME",
    help:
      "explain the tasks pending at this simulated time (e.g. 90m, 3600)\n" +
      "(neither --task nor --at: the first tasks that could not be placed at once)",
  },
  seed: { type: "string", value: "N", help: "seed to run (default: the scenario's seed)" },
  limit: { type: "string", value: "N", help: "at most N tasks (default 5)" },
  ...SIMULATING_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

export const explain = defineCommand({
  name: "explain",
  args: "<scenario.yaml>",
  description:
    "Explains placement decisions of one strategy: for each task, every instance's first excluding check\n" +
    "(resources, ports, constraints, strategy filters), counted, and the nearest miss. Give --task ID or\n" +
    "--at TIME, or neither.",
  options: EXPLAIN_OPTIONS,
  footer: "Exit codes: 0 ok, 1 the run failed, 2 bad input or usage.",
  run: ({ values, positionals }) => explainScenario(positionals[0]!, values),
});

/** `berth explain ARGV` (tests call it directly; it throws usage and input errors). */
export const explainCommand = (argv: string[]): Promise<number> => explain.main(argv);

async function explainScenario(file: string, values: ArgValues<typeof EXPLAIN_OPTIONS>): Promise<number> {
  if (values.task !== undefined && values.at !== undefined)
    throw new UsageError("explain: give --task or --at, not both");
  const limit = positiveInteger("explain", "limit", values.limit) ?? 5;
  decisionTimeoutMs("explain", values["decision-timeout"]); // checked here; main.ts's watcher applies it
  const target = values.task === undefined ? undefined : parseTaskId(values.task);
  const at = values.at === undefined ? undefined : parseDuration(values.at);
  if (values.at !== undefined && at === undefined)
    throw new UsageError(`explain: --at needs a simulated time like 90m or 3600 (got "${values.at}")`);

  const { scenario, warnings } = loadScenarioFile(file, {
    overrides: scenarioOverrides("explain", values),
  });
  for (const w of warnings) console.error(terminalText(w));
  if (at !== undefined && at > scenario.horizon)
    throw new UsageError(`explain: --at ${values.at} is past the scenario's horizon (${scenario.horizon}s)`);
  const [strategy] = await loadStrategyModules(
    selectStrategies("explain", scenario.strategies, [values.strategy!]),
    scenario.portUniverse,
  );
  const seed = values.seed === undefined ? scenario.seed : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError(`explain: --seed needs a whole number >= 0 (got "${values.seed}")`);
  const budget = workBudget("explain", file, scenario, 1, 1, values["allow-large"] ?? false);

  const explained: Explained[] = [];
  const probe: RunProbe = {};
  if (at !== undefined) {
    probe.pendingAt = {
      at,
      inspect: (d, cluster, chain) => {
        if (explained.length < limit) explained.push({ explanation: explainDecision(cluster, chain, d) });
        pendingCount++;
      },
    };
  } else {
    probe.submitted = (d, chosen, cluster, chain) => {
      if (target !== undefined ? d.id !== target : chosen >= 0 || explained.length >= limit) return;
      const explanation = explainDecision(cluster, chain, d);
      explained.push(chosen >= 0 ? { explanation, placedOn: cluster.ids[chosen]! } : { explanation });
    };
  }
  let pendingCount = 0;
  const outcomes = new Map<string, LogEntry>();
  const log = {
    write: (_s: string, _seed: number, e: LogEntry) => {
      // The first RUNNING (placed) or STOPPED (placement failed) line of a task is its outcome.
      if (e.task !== undefined && (e.state === "RUNNING" || e.state === "STOPPED") && !outcomes.has(e.task))
        outcomes.set(e.task, e);
    },
  };
  const run = simulate(scenario, strategy!, seed, { probe, log, budget });

  // Names, ids and attribute values are user text: escaped for the terminal.
  const print = (text: string) => {
    for (const line of text.split("\n")) console.log(terminalText(line));
  };
  print(`berth explain: ${scenario.name}, strategy ${strategy!.name}, seed ${seed}`);
  if (target !== undefined && explained.length === 0) {
    throw new UsageError(
      `explain: task ${taskIdText(target)} was never submitted (this run submitted ${run.metrics.tasks.submitted} tasks, t-000001 to ${taskIdText(run.metrics.tasks.submitted - 1)})`,
    );
  }
  if (at !== undefined)
    print(`${pendingCount} tasks pending at t=${at}s${pendingCount > limit ? ` (showing ${limit})` : ""}`);
  else if (target === undefined && explained.length === 0)
    print("every task was placed when it was submitted");
  for (const e of explained) {
    print("");
    print(formatExplanation(e.explanation, e.placedOn));
    if (e.placedOn === undefined) print(`  then: ${outcome(outcomes.get(e.explanation.task))}`);
  }
  return 0;
}

function outcome(e: LogEntry | undefined): string {
  if (!e) return "still pending at the horizon";
  if (e.state === "RUNNING") return `placed on ${e.instance} at t=${Number(e.time.toFixed(3))}s`;
  return `placement failed (${e.reason ?? "no reason"})`;
}

function parseTaskId(text: string): number {
  const m = /^(?:t-)?0*(\d+)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1)
    throw new UsageError(`explain: --task needs a task id like t-000042 or 42 (got "${text}")`);
  return Number(m[1]) - 1;
}
