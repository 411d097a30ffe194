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
import { parseCommandArgs, positiveInteger } from "./args.ts";
import { checkOutputs, writeOutputs } from "./outputs.ts";
import { SCENARIO_FLAGS, SCENARIO_FLAGS_HELP, scenarioOverrides } from "./scenario-flags.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { SWEEP_WORKER_URL } from "./sweep.ts";
import { UsageError } from "./usage-error.ts";

export const PLAN_HELP = `Usage: berth plan <scenario.yaml> --slo "EXPR" [--slo ...] [options]

Finds, for each strategy, the smallest instance count whose SLOs hold at the 95% confidence bound
(upper bound for <, <=; lower for >, >=): a monotone search over cluster size (bracketing, then bisection),
each probe running every seed x strategy on the worker pool, probes cached by key. docs/planning.md.

SLOs: METRIC (<, <=, >, >=, ==) VALUE, e.g. --slo "placementDelay.p99 <= 60s" --slo "tasks.failedPlacement == 0"

Options:
  --types A,B        size with n instances of each type in turn (over the scenario's zones), one answer
                     per type; default: scale the scenario's own instance groups in proportion
  --strategy NAME    plan for this strategy only; repeat for several (default: the scenario's)
  --seeds N          replications per probe (default: the scenario's replications)
  --headroom         instead: the largest loadFactor at which every SLO still holds on the scenario's cluster
  --compact          instead: per seed, the smallest cluster (scenario mix) on which every task fits
                     (default SLOs tasks.pendingAtEnd == 0 and tasks.failedPlacement == 0), per strategy
  --max N            largest cluster size tried (default 4096)
  --workers N        worker threads (default ${defaultWorkers()})
  --json             print the answer as one JSON document
  --out DIR          also write plan.json and plan.html (SLO metrics against size, CI band, threshold)
  --quiet            print nothing but the answer and errors
${SCENARIO_FLAGS_HELP}
  -h, --help         this help

Exit codes: 0 every strategy has an answer, 1 some strategy meets the SLOs nowhere in range, 2 bad input.`;

const FITS = ["tasks.pendingAtEnd == 0", "tasks.failedPlacement == 0"];

export async function planCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("plan", argv, {
    ...SCENARIO_FLAGS,
    slo: { type: "string", multiple: true },
    types: { type: "string" },
    strategy: { type: "string", multiple: true },
    seeds: { type: "string" },
    headroom: { type: "boolean" },
    compact: { type: "boolean" },
    max: { type: "string" },
    workers: { type: "string" },
    json: { type: "boolean" },
    out: { type: "string" },
    quiet: { type: "boolean" },
  });
  if (values.help) {
    console.log(PLAN_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError("plan: name exactly one scenario file (see berth plan --help)");
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
  // Before any probe: the output folder must be writable.
  if (values.out) checkOutputs([{ what: "--out", path: values.out, kind: "folder" }]);
  const pool = new WorkerPool<UnitTask, UnitRecord>({ workerUrl: SWEEP_WORKER_URL, workers });
  const started = Date.now();
  try {
    const planner = new Planner({
      scenarioFile: positionals[0]!,
      overrides: scenarioOverrides("plan", values),
      slos,
      ...(types ? { types } : {}),
      ...(values.strategy ? { strategies: values.strategy } : {}),
      ...(values.seeds ? { seeds: positiveInteger("plan", "seeds", values.seeds)! } : {}),
      ...(values.max ? { maxInstances: positiveInteger("plan", "max", values.max)! } : {}),
      resolveStrategies: (scenario, names) => selectStrategies("plan", scenario.strategies, names),
      runUnit: (task) => {
        const r = pool.run(task);
        void r.then((rec) =>
          say(`  probe ${rec.key.slice(0, 8)} seed ${rec.seed}: ${rec.timing.wallSeconds.toFixed(2)}s`),
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
