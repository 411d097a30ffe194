/** berth run <scenario>: compare the scenario's strategies and write results.json, summary.md, index.html. */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { plural } from "../core/format.ts";
import { PRESET_NAMES } from "../placement/presets.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import { renderConsoleTable, renderConsoleVerdict } from "../report/console-table.ts";
import { invocation, strategyOrigins } from "../report/provenance.ts";
import { reportFiles } from "../report/report-files.ts";
import { buildResults, packageVersion, serializeResults } from "../report/results.ts";
import { loadScenarioFile } from "../scenario/load.ts";
import { type Gate, parseGate } from "../scenario/parse-gate.ts";
import { compare, seedsOf } from "../sim/compare.ts";
import { NdjsonFileLog } from "../sim/event-log.ts";
import type { RunResult } from "../sim/simulate.ts";
import { trippedGates } from "../stats/gates/evaluate-gates.ts";
import { renderJunit } from "../stats/gates/junit.ts";
import { parseCommandArgs, positiveInteger } from "./args.ts";
import { RunProgress } from "./progress.ts";
import { SCENARIO_FLAGS, SCENARIO_FLAGS_HELP, scenarioOverrides } from "./scenario-flags.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { UsageError } from "./usage-error.ts";

export const RUN_HELP = `Usage: berth run <scenario.yaml> [options]

Runs every strategy of the scenario (or those named with --strategy) for each replication seed
(seed, seed+1, ...) on the same workload, prints a summary table and writes the report.

Options:
  --out DIR          where to write results.json, summary.md, index.html (default reports/<scenario name>/)
  --strategy NAME    run only this strategy; repeat for several. NAME is a strategy of the scenario, a
                     built-in (${PRESET_NAMES.join(", ")}),
                     or a strategy file (./my-strategy.ts; see docs/strategies.md)
  --seeds N          number of replications (overrides the scenario's replications)
  --events FILE      also write every task and instance state change as NDJSON
  --baseline NAME    strategy the others are compared with, seed by seed (default: the first)
  --gate "EXPR"      a regression gate, checked with the scenario's gates; repeat for several, e.g.
                     --gate "placementDelay.p95 of binpack no worse than baseline by more than 10%"
                     --gate "fragmentation.strandedMemory < 0.15"   (syntax: docs/statistics.md)
  --junit FILE       also write the gate results as JUnit XML
  --quiet            print nothing but errors (no progress lines either)
${SCENARIO_FLAGS_HELP}
  -h, --help         this help

Exit codes: 0 ok, 1 a run failed or a gate tripped (after writing every output), 2 bad input or usage.`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("run", argv, {
    ...SCENARIO_FLAGS,
    out: { type: "string" },
    strategy: { type: "string", multiple: true },
    seeds: { type: "string" },
    events: { type: "string" },
    baseline: { type: "string" },
    gate: { type: "string", multiple: true },
    junit: { type: "string" },
    quiet: { type: "boolean" },
  });
  if (values.help) {
    console.log(RUN_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError("run: name exactly one scenario file (see berth run --help)");
  const file = positionals[0]!;
  const replications = positiveInteger("run", "seeds", values.seeds);
  const quiet = values.quiet ?? false;
  const say = (line: string) => {
    if (!quiet) console.log(line);
  };

  const { scenario, warnings } = loadScenarioFile(file, { overrides: scenarioOverrides("run", values) });
  for (const w of warnings) console.error(w);
  const strategies = await loadStrategyModules(
    selectStrategies("run", scenario.strategies, values.strategy),
    scenario.portUniverse,
  );
  const baseline = values.baseline ?? strategies[0]!.name;
  if (!strategies.some((s) => s.name === baseline)) {
    throw new UsageError(
      `run: --baseline "${baseline}" is not among the strategies run (${strategies.map((s) => s.name).join(", ")})`,
    );
  }
  const services = scenario.dynamics.services.map((s) => s.name);
  const gates = [...scenario.gates, ...commandLineGates(values.gate ?? [], strategies, services)];
  const seeds = seedsOf(scenario, replications);
  const outDir = values.out ?? join("reports", scenario.name);

  say(
    `berth: ${scenario.name}: ${plural(strategies.length, "strategy", "strategies")} x ` +
      `${plural(seeds.length, "seed")} (${seeds.join(", ")})`,
  );
  const log = values.events ? new NdjsonFileLog(values.events) : undefined;
  const progress = quiet
    ? undefined
    : RunProgress.forProcess(strategies.length * seeds.length, scenario.horizon);
  progress?.start();
  let comparison: ReturnType<typeof compare>;
  try {
    comparison = compare(scenario, {
      strategies,
      replications: seeds.length,
      ...(log ? { log } : {}),
      ...(progress
        ? {
            onProgress: (name: string, seed: number, t: number, n: number) => progress.tick(name, seed, t, n),
            onRun: (name: string, seed: number, run: RunResult) =>
              progress.finished(
                name,
                seed,
                run.metrics.tasks.submitted,
                run.timing.events,
                run.timing.wallSeconds,
              ),
          }
        : {}),
    });
  } finally {
    log?.close();
  }

  const provenance = {
    strategies: strategyOrigins(strategies, scenario.strategies, packageVersion),
    invocation: invocation(["run", ...argv]),
  };
  const results = buildResults(scenario, comparison, { baseline, gates, provenance });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "results.json"), serializeResults(results));
  const files = reportFiles(results);
  for (const f of files) writeFileSync(join(outDir, f.name), f.content);
  // A GitHub Actions job summary: the verdict, headline and gates of this run appended to the job page.
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) appendFileSync(stepSummary, `${files.find((f) => f.name === "summary.md")!.content}\n`);
  if (values.junit) {
    mkdirSync(dirname(values.junit), { recursive: true });
    writeFileSync(values.junit, renderJunit(scenario.name, results.gates));
  }
  say("");
  say(renderConsoleVerdict(results));
  say("");
  say(renderConsoleTable(results));
  say("");
  say(`Mean ± 95% CI over ${plural(seeds.length, "replication")}. Report: ${join(outDir, "index.html")}`);
  if (values.events) say(`Event log: ${values.events}`);
  if (values.junit) say(`Gate results (JUnit): ${values.junit}`);
  for (const g of results.gates) {
    if (g.status !== "tripped") say(`gate ${g.status}: "${g.gate}" [${g.strategy}]: ${g.message}`);
  }
  const tripped = trippedGates(results.gates);
  for (const g of tripped)
    console.error(`gate tripped: ${g.origin}: "${g.gate}" [${g.strategy}]: ${g.message}`);
  return tripped.length > 0 ? 1 : 0;
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
