/**
 * berth sweep <sweep.yaml>: run every (cell, seed) unit of a sweep on a worker pool, appending each finished
 * unit to an NDJSON file at once (a rerun resumes, skipping finished keys), then write sweep.json,
 * summary.md and index.html. With --shard, run one slice and leave the merge to `berth merge`.
 */
import { isMetricPath } from "../metrics/metric-paths.ts";
import { terminalText } from "../report/text-escape.ts";
import { loadSweepFile } from "../sweep/load-sweep.ts";
import { defaultWorkers } from "../sweep/pool.ts";
import { runSweep } from "../sweep/run-sweep.ts";
import { UnitFileError } from "../sweep/unit-file.ts";
import { planSweep } from "../sweep/units.ts";
import { sweepReportFiles } from "../sweep/write-report.ts";
import { type ArgValues, positiveInteger } from "./args.ts";
import { defineCommand, type OptionSpec } from "./command.ts";
import { checkOutputs, defaultReportFolder, writeOutputs } from "./outputs.ts";
import { unitProgress } from "./progress.ts";
import { scenarioOverrides } from "./scenario-flags.ts";
import { SHARD_OPTIONS, shardFromFlags } from "./shard-flags.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { UsageError } from "./usage-error.ts";
import { checkWork, decisionTimeoutMs, SIMULATING_OPTIONS } from "./work-check.ts";

/** The worker entry beside this file (.ts under tsx, .js once compiled). */
export const SWEEP_WORKER_URL = new URL(
  `./sweep-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
).href;

const SWEEP_OPTIONS = {
  out: { type: "string", value: "DIR", help: "output folder (default reports/<sweep name>/)" },
  workers: {
    type: "string",
    value: "N",
    help: `worker threads (default: os.availableParallelism(), here ${defaultWorkers()})`,
  },
  ...SHARD_OPTIONS,
  quiet: { type: "boolean", help: "print nothing but errors" },
  ...SIMULATING_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

export const sweep = defineCommand({
  name: "sweep",
  args: "<sweep.yaml>",
  description:
    "Runs a sweep file (scenarios/sweeps/*.yaml; docs/sweeps.md): every cell of its grid x every seed, each\n" +
    "unit running all strategies on one seed (paired), on a pool of worker threads. Finished units are\n" +
    "appended to DIR/units.ndjson at once; rerunning the same command resumes, skipping them. Writes\n" +
    "DIR/sweep.json, DIR/summary.md and DIR/index.html.",
  options: SWEEP_OPTIONS,
  footer:
    "--set/--load apply to the base scenario of every cell (before the cell's own values).\n" +
    "Exit codes: 0 ok, 1 a unit failed, 2 bad input or usage.",
  run: ({ values, positionals }) => runSweepFile(positionals[0]!, values),
});

/** `berth sweep ARGV` (tests call it directly; it throws usage and input errors). */
export const sweepCommand = (argv: string[]): Promise<number> => sweep.main(argv);

async function runSweepFile(file: string, values: ArgValues<typeof SWEEP_OPTIONS>): Promise<number> {
  const workers = positiveInteger("sweep", "workers", values.workers) ?? defaultWorkers();
  const quiet = values.quiet ?? false;
  const say = (line: string) => {
    if (!quiet) console.log(terminalText(line));
  };
  const flags = scenarioOverrides("sweep", values);
  const sweep = loadSweepFile(file);
  for (const cell of sweep.cells) cell.overrides.unshift(...flags);
  for (const m of sweep.metrics ?? [])
    if (!isMetricPath(m))
      throw new UsageError(`sweep: ${file}: metrics: unknown metric "${m}" (docs/metrics.md)`);

  const allowLarge = values["allow-large"] ?? false;
  const timeoutMs = decisionTimeoutMs("sweep", values["decision-timeout"]);
  // Each cell's work is estimated before any unit runs (exit 2 unless --allow-large).
  const plan = planSweep(sweep, (scenario, names) => {
    const strategies = selectStrategies("sweep", scenario.strategies, names);
    checkWork("sweep", file, scenario, strategies.length, sweep.seeds ?? scenario.replications, allowLarge);
    return strategies;
  });
  const shard = shardFromFlags("sweep", values, say);
  const outDir = values.out ?? defaultReportFolder(sweep.name);
  checkOutputs([{ what: values.out !== undefined ? "--out" : "sweep folder", path: outDir, kind: "folder" }]);

  let outcome: Awaited<ReturnType<typeof runSweep>>;
  try {
    outcome = await runSweep(plan, sweep, {
      outDir,
      shard,
      workers,
      workerUrl: SWEEP_WORKER_URL,
      decisionTimeoutMs: timeoutMs,
      allowLarge,
      quiet,
      progress: (label, total) => unitProgress(terminalText(label), total, { quiet }),
      say,
    });
  } catch (e) {
    if (e instanceof UnitFileError) throw new UsageError(`sweep: ${e.message}`);
    throw e;
  }
  if (shard) {
    say(
      `Shard ${shard.index}/${shard.total}: ${outcome.records.length} units in ${outcome.file}; combine the shards with berth merge`,
    );
    return 0;
  }
  const report = sweepReportFiles(plan, outcome.records, outDir);
  writeOutputs(report.files);
  say(`Report: ${report.html}  (sweep.json, summary.md beside it)`);
  return 0;
}
