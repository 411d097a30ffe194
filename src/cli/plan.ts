/**
 * berth plan <scenario>: the smallest cluster (per strategy, per candidate instance type or the scenario's
 * own mix) whose SLOs hold at the 95% confidence bound; --headroom: the largest loadFactor the scenario's
 * cluster absorbs; --compact: per seed, the smallest cluster the workload still fits on.
 */
import { join } from "node:path";
import { terminalText } from "../report/text-escape.ts";
import { compactTable, planCharts, planHtml, planJson, planTable } from "../sweep/plan/plan-report.ts";
import { Planner } from "../sweep/plan/planner.ts";
import { parseSlo, type Slo } from "../sweep/plan/slo.ts";
import { defaultWorkers, WorkerPool } from "../sweep/pool.ts";
import type { UnitRecord, UnitTask } from "../sweep/run-unit.ts";
import { type ArgValues, positiveInteger } from "./args.ts";
import { defineCommand, type OptionSpec } from "./command.ts";
import { checkOutputs, writeOutputs } from "./outputs.ts";
import { scenarioOverrides } from "./scenario-flags.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { SWEEP_WORKER_URL } from "./sweep.ts";
import { UsageError } from "./usage-error.ts";
import { checkWork, decisionTimeoutMs, SIMULATING_OPTIONS } from "./work-check.ts";

const FITS = ["tasks.pendingAtEnd == 0", "tasks.failedPlacement == 0"];

const PLAN_OPTIONS = {
  slo: {
    type: "string",
    multiple: true,
    value: '"EXPR"',
    help: 'an SLO, METRIC (<, <=, >, >=, ==) VALUE; repeat for several, e.g. --slo "placementDelay.p99 <= 60s"',
  },
  types: {
    type: "string",
    value: "A,B",
    help:
      "size with n instances of each type in turn (over the scenario's zones), one answer\n" +
      "per type, then the cheapest mix of them (docs/planning.md); default: scale the\n" +
      "scenario's own instance groups in proportion",
  },
  strategy: {
    type: "string",
    multiple: true,
    value: "NAME",
    help: "plan for this strategy only; repeat for several (default: the scenario's)",
  },
  seeds: {
    type: "string",
    value: "N",
    help: "replications per probe (default: the scenario's replications)",
  },
  headroom: {
    type: "boolean",
    help: "instead: the largest loadFactor at which every SLO still holds on the scenario's cluster",
  },
  compact: {
    type: "boolean",
    help:
      "instead: per seed, the smallest cluster (scenario mix) on which every task fits\n" +
      "(default SLOs tasks.pendingAtEnd == 0 and tasks.failedPlacement == 0), per strategy",
  },
  "mix-probes": {
    type: "string",
    value: "N",
    help: "with two or more --types: probes one strategy's mix search may spend (default 32)",
  },
  max: { type: "string", value: "N", help: "largest cluster size tried (default 4096)" },
  workers: { type: "string", value: "N", help: `worker threads (default ${defaultWorkers()})` },
  json: { type: "boolean", help: "print the answer as one JSON document" },
  out: {
    type: "string",
    value: "DIR",
    help: "also write plan.json and plan.html (SLO metrics against size, CI band, threshold)",
  },
  quiet: { type: "boolean", help: "print nothing but the answer and errors" },
  ...SIMULATING_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

export const plan = defineCommand({
  name: "plan",
  args: "<scenario.yaml>",
  description:
    "Finds, for each strategy, the smallest instance count whose SLOs (--slo, at least one) hold at the 95%\n" +
    "confidence bound (upper bound for <, <=; lower for >, >=): a monotone search over cluster size\n" +
    "(bracketing, then bisection), each probe running every seed x strategy on the worker pool, probes\n" +
    "cached by key. docs/planning.md.\n" +
    "\n" +
    'SLOs: METRIC (<, <=, >, >=, ==) VALUE, e.g. --slo "placementDelay.p99 <= 60s" --slo "tasks.failedPlacement == 0"',
  options: PLAN_OPTIONS,
  footer:
    "Exit codes: 0 every strategy has an answer, 1 some strategy meets the SLOs nowhere in range, 2 bad input.",
  run: ({ values, positionals }) => planScenario(positionals[0]!, values),
});

/** `berth plan ARGV` (tests call it directly; it throws usage and input errors). */
export const planCommand = (argv: string[]): Promise<number> => plan.main(argv);

async function planScenario(file: string, values: ArgValues<typeof PLAN_OPTIONS>): Promise<number> {
  if (values.headroom && values.compact)
    throw new UsageError("plan: --headroom and --compact are different questions; pick one");
  const mode = values.headroom ? "headroom" : values.compact ? "compact" : "size";
  const sloTexts = values.slo ?? (mode === "compact" ? FITS : []);
  if (sloTexts.length === 0)
    throw new UsageError('plan: give at least one --slo, e.g. --slo "placementDelay.p99 <= 60s"');
  const slos: Slo[] = sloTexts.map((text) => {
    const s = parseSlo(text);
    if (typeof s === "string") throw new UsageError(`plan: --slo: ${s}`);
    return s;
  });
  const types = values.types
    ?.split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (types && mode !== "size")
    throw new UsageError(`plan: --types goes with the size search, not --${mode}`);
  const quiet = values.quiet || values.json;
  const say = (line: string) => {
    if (!quiet) console.error(terminalText(line));
  };
  const workers = positiveInteger("plan", "workers", values.workers) ?? defaultWorkers();
  const allowLarge = values["allow-large"] ?? false;
  const seeds = values.seeds ? positiveInteger("plan", "seeds", values.seeds)! : undefined;
  // Before any probe: the output folder must be writable.
  if (values.out) checkOutputs([{ what: "--out", path: values.out, kind: "folder" }]);
  const pool = new WorkerPool<UnitTask, UnitRecord>({
    workerUrl: SWEEP_WORKER_URL,
    workers,
    decisionTimeoutMs: decisionTimeoutMs("plan", values["decision-timeout"]),
  });
  const started = Date.now();
  try {
    const planner = new Planner({
      scenarioFile: file,
      overrides: scenarioOverrides("plan", values),
      slos,
      ...(types ? { types } : {}),
      ...(values.strategy ? { strategies: values.strategy } : {}),
      ...(seeds ? { seeds } : {}),
      ...(values.max ? { maxInstances: positiveInteger("plan", "max", values.max)! } : {}),
      // The scenario's work is estimated before any probe runs (exit 2 unless --allow-large).
      resolveStrategies: (scenario, names) => {
        const strategies = selectStrategies("plan", scenario.strategies, names);
        checkWork("plan", file, scenario, strategies.length, seeds ?? scenario.replications, allowLarge);
        return strategies;
      },
      ...(values["mix-probes"]
        ? { mixProbes: positiveInteger("plan", "mix-probes", values["mix-probes"])! }
        : {}),
      runUnit: (task) => {
        const r = pool.run(allowLarge ? { ...task, allowLarge } : task);
        // A failed probe is reported by the planner's await; this line only follows successes.
        r.then(
          (rec) =>
            say(`  probe ${rec.key.slice(0, 8)} seed ${rec.seed}: ${rec.timing.wallSeconds.toFixed(2)}s`),
          () => {},
        );
        return r;
      },
    });
    say(
      `berth plan ${planner.base.name}: ${mode}, ${planner.strategies.length} strategies x ${planner.seeds.length} seeds, SLOs ${slos.map((s) => `"${s.text}"`).join(", ")}`,
    );
    const answers =
      mode === "headroom" ? await planner.headroom() : mode === "size" ? await planner.size() : [];
    const compacted = mode === "compact" ? await planner.compact() : undefined;
    const outcome = {
      scenario: planner.base.name,
      seeds: planner.seeds,
      strategies: planner.strategies,
      answers,
      ...(compacted ? { compact: compacted } : {}),
      probes: planner.probes,
      totalRuns: planner.totalRuns(),
    };
    const json = planJson(outcome, slos, mode);
    if (values.out) {
      const files = [{ path: join(values.out, "plan.json"), content: json }];
      if (planCharts(outcome, slos, mode).length > 0)
        files.push({ path: join(values.out, "plan.html"), content: planHtml(outcome, slos, mode) });
      writeOutputs(files);
    }
    if (values.json) process.stdout.write(json);
    else {
      for (const line of compacted ? compactTable(compacted) : planTable(outcome, mode))
        console.log(terminalText(line));
      console.log(
        `${outcome.totalRuns} simulation runs in ${((Date.now() - started) / 1000).toFixed(1)}s` +
          (values.out ? `; chart: ${join(values.out, "plan.html")}` : ""),
      );
    }
    const unanswered = compacted ? compacted.some((c) => c.min === null) : answers.some((a) => !a.found);
    return unanswered ? 1 : 0;
  } finally {
    await pool.destroy();
  }
}
