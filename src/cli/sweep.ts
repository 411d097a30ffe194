/**
 * berth sweep <sweep.yaml>: run every (cell, seed) unit of a sweep on a worker pool, appending each finished
 * unit to an NDJSON file at once (a rerun resumes, skipping finished keys), then write sweep.json,
 * summary.md and index.html. With --shard, run one slice and leave the merge to `berth merge`.
 */
import { join } from "node:path";
import { isMetricPath } from "../metrics/metric-paths.ts";
import { terminalText } from "../report/text-escape.ts";
import { loadSweepFile } from "../sweep/load-sweep.ts";
import { defaultWorkers } from "../sweep/pool.ts";
import { runSweep } from "../sweep/run-sweep.ts";
import { UnitFileError } from "../sweep/unit-file.ts";
import { planSweep } from "../sweep/units.ts";
import { sweepReportFiles } from "../sweep/write-report.ts";
import { parseCommandArgs, positiveInteger } from "./args.ts";
import { checkOutputs, defaultReportFolder, writeOutputs } from "./outputs.ts";
import { unitProgress } from "./progress.ts";
import { SCENARIO_FLAGS, SCENARIO_FLAGS_HELP, scenarioOverrides } from "./scenario-flags.ts";
import { shardFromFlags } from "./shard-flags.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { UsageError } from "./usage-error.ts";

export const SWEEP_HELP = `Usage: berth sweep <sweep.yaml> [options]

Runs a sweep file (scenarios/sweeps/*.yaml; docs/sweeps.md): every cell of its grid x every seed, each
unit running all strategies on one seed (paired), on a pool of worker threads. Finished units are
appended to DIR/units.ndjson at once; rerunning the same command resumes, skipping them. Writes
DIR/sweep.json, DIR/summary.md and DIR/index.html.

Options:
  --out DIR          output folder (default reports/<sweep name>/)
  --workers N        worker threads (default: os.availableParallelism(), here ${defaultWorkers()})
  --shard i/n        run only shard i of n (1-based); writes DIR/berth-shard-i-of-n.ndjson, no report
  --shard auto       take the shard from the batch engine (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX,
                     CLOUD_RUN_TASK_INDEX, SLURM_ARRAY_TASK_ID; docs/scaling-out.md)
  --shard-total N    the number of shards, for engines that do not say (Kubernetes); or BERTH_SHARD_TOTAL
  --quiet            print nothing but errors
${SCENARIO_FLAGS_HELP}
  -h, --help         this help

--set/--load apply to the base scenario of every cell (before the cell's own values).
Exit codes: 0 ok, 1 a unit failed, 2 bad input or usage.`;

/** The worker entry beside this file (.ts under tsx, .js once compiled). */
export const SWEEP_WORKER_URL = new URL(
  `./sweep-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
).href;

export async function sweepCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("sweep", argv, {
    ...SCENARIO_FLAGS,
    out: { type: "string" },
    workers: { type: "string" },
    shard: { type: "string" },
    "shard-total": { type: "string" },
    quiet: { type: "boolean" },
  });
  if (values.help) {
    console.log(SWEEP_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError("sweep: name exactly one sweep file (see berth sweep --help)");
  const workers = positiveInteger("sweep", "workers", values.workers) ?? defaultWorkers();
  const quiet = values.quiet ?? false;
  const say = (line: string) => {
    if (!quiet) console.log(terminalText(line));
  };
  const flags = scenarioOverrides("sweep", values);
  const sweep = loadSweepFile(positionals[0]!);
  for (const cell of sweep.cells) cell.overrides.unshift(...flags);
  for (const m of sweep.metrics ?? [])
    if (!isMetricPath(m))
      throw new UsageError(`sweep: ${positionals[0]}: metrics: unknown metric "${m}" (docs/metrics.md)`);

  const plan = planSweep(sweep, (scenario, names) => selectStrategies("sweep", scenario.strategies, names));
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
