import { join } from "node:path";
import { plural } from "../core/format.ts";
import { PRESET_NAMES } from "../placement/presets.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import { invocation, strategyOrigins } from "../report/provenance.ts";
import { imageFormats } from "../report/report-files.ts";
import { buildResults, packageVersion } from "../report/results.ts";
import { terminalText } from "../report/text-escape.ts";
import { loadScenarioFile } from "../scenario/load.ts";
import { type Gate, parseGate } from "../scenario/parse-gate.ts";
import { compare, type StrategyRuns, seedsOf } from "../sim/compare.ts";
import { planRunShards, runShardText, shardSeeds } from "../sweep/run-shard.ts";
import { shardFileName } from "../sweep/shard.ts";
import type { Shard } from "../sweep/unit-file.ts";
import { type ArgValues, positiveInteger } from "./args.ts";
import { defineCommand, type OptionSpec } from "./command.ts";
import { HEATMAP_SEED_OPTION, heatmapSeed } from "./heatmap-seed.ts";
import {
  checkOutputs,
  defaultReportFolder,
  discardStreamed,
  type OutputTarget,
  writeOutputs,
} from "./outputs.ts";
import { RunProgress } from "./progress.ts";
import { RunLogs } from "./run-logs.ts";
import { appendStepSummary, printRunOutcome, runReportFiles } from "./run-outcome.ts";
import { SCENARIO_OPTIONS, scenarioOverrides } from "./scenario-flags.ts";
import { SHARD_OPTIONS, shardFromFlags } from "./shard-flags.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { StrategySandbox } from "./strategy-sandbox.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { UsageError } from "./usage-error.ts";
import { ALLOW_LARGE_OPTION, DECISION_TIMEOUT_OPTION, decisionTimeoutMs, workBudget } from "./work-check.ts";

const RUN_OPTIONS = {
  out: {
    type: "string",
    value: "DIR",
    help: "where to write results.json, summary.md, index.html (default reports/<scenario name>/)",
  },
  strategy: {
    type: "string",
    multiple: true,
    value: "NAME",
    help:
      "run only this strategy; repeat for several. NAME is a strategy of the scenario, a\n" +
      `built-in (${PRESET_NAMES.join(", ")}),\n` +
      "or a strategy file (./my-strategy.ts; see docs/strategies.md)",
  },
  seeds: {
    type: "string",
    value: "N",
    help: "number of replications (overrides the scenario's replications)",
  },
  events: {
    type: "string",
    value: "FILE",
    help: "also write every task and instance state change as NDJSON",
  },
  tasks: {
    type: "string",
    value: "FILE",
    help:
      "also write one CSV row per task and strategy and seed (submitted, placed, started,\n" +
      "stopped, instance, zone, delay, outcome; docs/report.md)",
  },
  ...HEATMAP_SEED_OPTION,
  svg: { type: "boolean", help: "also write every chart as charts/<chart>.svg in the report folder" },
  png: { type: "boolean", help: "also write every chart as charts/<chart>.png in the report folder" },
  baseline: {
    type: "string",
    value: "NAME",
    help: "strategy the others are compared with, seed by seed (default: the first)",
  },
  gate: {
    type: "string",
    multiple: true,
    value: '"EXPR"',
    help:
      "a regression gate, checked with the scenario's gates; repeat for several, e.g.\n" +
      '--gate "placementDelay.p95 of binpack no worse than baseline by more than 10%"\n' +
      '--gate "fragmentation.strandedMemory < 0.15"   (syntax: docs/statistics.md)',
  },
  junit: { type: "string", value: "FILE", help: "also write the gate results as JUnit XML" },
  quiet: { type: "boolean", help: "print nothing but errors (no progress lines either)" },
  ...ALLOW_LARGE_OPTION,
  ...DECISION_TIMEOUT_OPTION,
  "allow-large": {
    type: "boolean",
    help:
      "run even when the work estimate (tasks, samples, instances x seeds) is above the\n" +
      "limits of docs/limits.md, and lift the per-run event budget",
  },
  "decision-timeout": {
    type: "string",
    value: "S",
    help:
      "seconds a strategy file's hook may run before the run is stopped as a strategy\n" +
      "fault (default 10; strategy files run in a watched worker, docs/limits.md)",
  },
  ...SHARD_OPTIONS,
  ...SCENARIO_OPTIONS,
} as const satisfies Record<string, OptionSpec>;
type RunValues = ArgValues<typeof RUN_OPTIONS>;

export const run = defineCommand({
  name: "run",
  args: "<scenario.yaml>",
  description:
    "Runs every strategy of the scenario (or those named with --strategy) for each replication seed\n" +
    "(seed, seed+1, ...) on the same workload, prints a summary table and writes the report.",
  options: RUN_OPTIONS,
  footer:
    "Exit codes: 0 ok, 1 a run failed or a gate tripped (after writing every output), 2 bad input or usage.",
  run: ({ values, positionals, argv }) => runScenario(positionals[0]!, values, argv),
});

/** `berth run ARGV` (tests and scripts call it directly; it throws usage and input errors). */
export const runCommand = (argv: string[]): Promise<number> => run.main(argv);

async function runScenario(file: string, values: RunValues, argv: string[]): Promise<number> {
  const replications = positiveInteger("run", "seeds", values.seeds);
  const quiet = values.quiet ?? false;
  const say = (line: string) => {
    if (!quiet) for (const l of line.split("\n")) console.log(terminalText(l));
  };

  const shard = shardFromFlags("run", values, say);
  const wholeRun = values.junit ? "--junit" : values.svg ? "--svg" : values.png ? "--png" : undefined;
  if (shard && wholeRun)
    throw new UsageError(
      `run: ${wholeRun} goes with the whole run: give it to berth merge, which writes the report and checks the gates`,
    );
  const overrides = scenarioOverrides("run", values);
  const { scenario, warnings } = loadScenarioFile(file, { overrides });
  for (const w of warnings) console.error(terminalText(w));
  const selected = selectStrategies("run", scenario.strategies, values.strategy);
  const timeoutMs = decisionTimeoutMs("run", values["decision-timeout"]);
  // Strategy files are user code: they load and run in a watched worker (strategy-sandbox.ts).
  const sandbox = selected.some((s) => s.modulePaths)
    ? await StrategySandbox.start({
        file,
        load: { overrides },
        names: values.strategy,
        decisionTimeoutMs: timeoutMs,
      })
    : undefined;
  try {
    return await runLoaded(sandbox);
  } finally {
    await sandbox?.close();
  }

  async function runLoaded(sandbox: StrategySandbox | undefined): Promise<number> {
    const strategies = sandbox
      ? sandbox.strategies
      : await loadStrategyModules(selected, scenario.portUniverse);
    const baseline = values.baseline ?? strategies[0]!.name;
    if (!strategies.some((s) => s.name === baseline)) {
      throw new UsageError(
        `run: --baseline "${baseline}" is not among the strategies run (${strategies.map((s) => s.name).join(", ")})`,
      );
    }
    const services = scenario.dynamics.services.map((s) => s.name);
    const gates = [...scenario.gates, ...commandLineGates(values.gate ?? [], strategies, services)];
    // The work is checked before any seed list is built (--seeds 1e9 must not allocate 1e9 seeds).
    const total = replications ?? scenario.replications;
    const mine = shard ? shardSize(total, shard) : total;
    const allowLarge = values["allow-large"] ?? false;
    const budget = workBudget("run", file, scenario, strategies.length, mine, allowLarge);
    if (shard && total > MAX_SHARDED_SEEDS)
      throw new UsageError(
        `run: --shard: a sharded run has at most ${MAX_SHARDED_SEEDS.toLocaleString("en-US")} seeds (${total} asked; every shard lists them all)`,
      );
    const allSeeds = seedsOf(scenario, total);
    const heatSeed = heatmapSeed("run", values["heatmap-seed"], allSeeds);
    const heatmap = heatSeed !== undefined ? { heatmapSeed: heatSeed } : {};
    const origins = strategyOrigins(strategies, scenario.strategies, packageVersion);
    // A shard runs its own seeds only (src/sweep/run-shard.ts); the report waits for berth merge.
    const shardPlan = shard
      ? planRunShards(file, scenario, strategies, allSeeds, { baseline, gates, origins })
      : undefined;
    const seeds = shardPlan && shard ? shardSeeds(shardPlan, shard) : allSeeds;
    const outDir = values.out ?? defaultReportFolder(scenario.name);
    const shardFile = shard ? join(outDir, shardFileName(shard)) : undefined;
    const targets: OutputTarget[] = [
      { what: values.out !== undefined ? "--out" : "report folder", path: outDir, kind: "folder" },
    ];
    if (values.events) targets.push({ what: "--events", path: values.events, kind: "file" });
    if (values.tasks) targets.push({ what: "--tasks", path: values.tasks, kind: "file" });
    if (values.junit) targets.push({ what: "--junit", path: values.junit, kind: "file" });
    checkOutputs(targets);

    say(
      `berth: ${scenario.name}: ${plural(strategies.length, "strategy", "strategies")} x ` +
        `${plural(seeds.length, "seed")} (${seeds.join(", ")})` +
        (shard ? ` of ${allSeeds.length}: shard ${shard.index}/${shard.total}` : ""),
    );
    const runProgress = quiet
      ? undefined
      : RunProgress.forProcess(strategies.length * seeds.length, scenario.horizon);
    runProgress?.start();
    const progress = (name: string, seed: number, tasks: number, events: number, wallSeconds: number) =>
      runProgress?.finished(terminalText(name), seed, tasks, events, wallSeconds);
    let comparison: StrategyRuns[];
    if (sandbox) {
      try {
        comparison = await sandbox.run(
          {
            replications: seeds.length,
            seeds,
            events: values.events,
            tasks: values.tasks,
            budget,
            ...heatmap,
          },
          (p) => progress(p.strategy, p.seed, p.tasks, p.events, p.wallSeconds),
        );
      } catch (e) {
        if (values.events) discardStreamed(values.events);
        if (values.tasks) discardStreamed(values.tasks);
        throw e;
      }
    } else {
      const logs = new RunLogs({ events: values.events, tasks: values.tasks });
      const log = logs.log;
      try {
        comparison = compare(scenario, {
          strategies,
          replications: seeds.length,
          seeds,
          ...(log ? { log } : {}),
          ...heatmap,
          budget,
          ...(runProgress
            ? {
                onProgress: (name: string, seed: number, t: number, n: number) =>
                  runProgress.tick(terminalText(name), seed, t, n),
              }
            : {}),
          onRun: (name, seed, run) =>
            progress(name, seed, run.metrics.tasks.submitted, run.timing.events, run.timing.wallSeconds),
        });
        logs.commit();
      } catch (e) {
        logs.abort();
        throw e;
      }
    }

    if (shardPlan && shard && shardFile) {
      writeOutputs([{ path: shardFile, content: runShardText(shardPlan, shard, comparison) }]);
      say(
        `Shard ${shard.index}/${shard.total}: ${plural(seeds.length, "seed")} in ${shardFile}; combine the shards with berth merge`,
      );
      if (values.events) say(`Event log: ${values.events}`);
      return 0;
    }
    const provenance = { strategies: origins, invocation: invocation(["run", ...argv]) };
    const results = buildResults(scenario, comparison, { baseline, gates, provenance });
    const { files, images } = await runReportFiles(results, outDir, {
      junit: values.junit,
      formats: imageFormats(values),
    });
    writeOutputs(files);
    appendStepSummary(results);
    return printRunOutcome(results, say, {
      outDir,
      images,
      ...(values.events ? { events: values.events } : {}),
      ...(values.tasks ? { tasks: values.tasks } : {}),
      ...(values.junit ? { junit: values.junit } : {}),
    });
  }
}

/** Every shard plans all the seeds' keys: this bounds that list. */
const MAX_SHARDED_SEEDS = 1_000_000;

/** Units of shard i/n out of `total` (round-robin: positions i-1, i-1+n, ...). */
function shardSize(total: number, shard: Shard): number {
  return Math.max(0, Math.ceil((total - (shard.index - 1)) / shard.total));
}

/** Parses --gate flags; a gate that cannot be read, or names a strategy not run, is a usage error. */
function commandLineGates(texts: string[], strategies: StrategySpec[], services: string[]): Gate[] {
  return texts.map((text) => {
    const gate = parseGate(text, "--gate", services);
    if (typeof gate === "string") throw new UsageError(`run: --gate: ${gate}`);
    if (gate.strategy !== undefined && !strategies.some((s) => s.name === gate.strategy)) {
      throw new UsageError(
        `run: --gate "${text}": strategy "${gate.strategy}" is not among the strategies run ` +
          `(${strategies.map((s) => s.name).join(", ")})`,
      );
    }
    return gate;
  });
}
