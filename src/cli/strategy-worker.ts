/**
 * The worker side of the strategy watchdog (src/cli/strategy-sandbox.ts): loads the scenario and the
 * strategy files in this thread, so user code (its import, setup and every hook) never runs on the thread
 * that watches it, then runs the comparison when asked and posts the results back.
 * Messages out: loaded {strategies} | started {strategy, seed} | progress {line} | result {comparison}
 *   | settled | failed {kind, message}. Messages in: run {replications, events, tasks, budget} | stop.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import { type LoadOptions, loadScenarioFile } from "../scenario/load.ts";
import { InputError } from "../scenario/problems.ts";
import { compare, type StrategyRuns } from "../sim/compare.ts";
import type { RunBudget } from "../sim/run-budget.ts";
import { forbidProcessExit, installThreadWatch } from "../sim/strategy-guard.ts";
import { RunLogs } from "./run-logs.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { UsageError } from "./usage-error.ts";

export interface WorkerInput {
  file: string;
  load: LoadOptions;
  names: string[] | undefined;
  watch: SharedArrayBuffer;
}

export interface RunRequest {
  type: "run";
  replications: number;
  /** Only these seeds (a shard of the run); default: the first `replications` seeds. */
  seeds?: number[];
  events: string | undefined;
  tasks: string | undefined;
  budget: RunBudget;
  /** Record the packing heatmap on this seed (compare's heatmapSeed). */
  heatmapSeed?: number;
}

export type WorkerMessage =
  | { type: "loaded"; strategies: StrategySpec[] }
  | { type: "started"; strategy: number; seed: number }
  | { type: "progress"; strategy: string; seed: number; tasks: number; events: number; wallSeconds: number }
  | { type: "result"; comparison: StrategyRuns[] }
  | { type: "settled" }
  | { type: "async"; message: string }
  | { type: "failed"; kind: "usage" | "input" | "fault"; name: string; message: string };

const port = parentPort!;
const input = workerData as WorkerInput;
installThreadWatch(input.watch);
const post = (m: WorkerMessage) => port.postMessage(m);

/** A spec without its loaded modules (functions cannot cross threads). */
function portable(spec: StrategySpec): StrategySpec {
  const { modules: _, ...rest } = spec;
  return rest;
}

function fail(e: unknown): void {
  const kind = e instanceof UsageError ? "usage" : e instanceof InputError ? "input" : "fault";
  const err = e as Error;
  post({ type: "failed", kind, name: err?.name ?? "Error", message: err?.message ?? String(e) });
}

forbidProcessExit();
// Strategy code failing later (a timer, a rejected promise) is reported, never a crash of the thread.
process.on("uncaughtException", (e) =>
  post({ type: "async", message: String(e?.message ?? e).split("\n")[0]! }),
);
process.on("unhandledRejection", (e) =>
  post({ type: "async", message: String((e as Error)?.message ?? e).split("\n")[0]! }),
);
let strategies: StrategySpec[] = [];
try {
  const { scenario } = loadScenarioFile(input.file, input.load);
  // Imports and hooks are watched (installThreadWatch above).
  strategies = await loadStrategyModules(
    selectStrategies("run", scenario.strategies, input.names),
    scenario.portUniverse,
  );
  post({ type: "loaded", strategies: strategies.map(portable) });
  port.on("message", (m: RunRequest | { type: "stop" }) => {
    if (m.type === "stop") {
      port.close();
      return;
    }
    let logs: RunLogs | undefined;
    try {
      logs = new RunLogs({ events: m.events, tasks: m.tasks });
      const log = logs.log;
      const comparison = compare(scenario, {
        strategies,
        replications: m.replications,
        ...(m.seeds ? { seeds: m.seeds } : {}),
        budget: m.budget,
        ...(m.heatmapSeed !== undefined ? { heatmapSeed: m.heatmapSeed } : {}),
        ...(log ? { log } : {}),
        onStart: (k, seed) => post({ type: "started", strategy: k, seed }),
        onRun: (name, seed, run) =>
          post({
            type: "progress",
            strategy: name,
            seed,
            tasks: run.metrics.tasks.submitted,
            events: run.timing.events,
            wallSeconds: run.timing.wallSeconds,
          }),
      });
      logs.commit();
      post({ type: "result", comparison: comparison.map((c) => ({ ...c, strategy: portable(c.strategy) })) });
      // A strategy's rejected promise or zero-delay timer surfaces before this: report it, not success.
      setTimeout(() => setImmediate(() => post({ type: "settled" })), 0);
    } catch (e) {
      logs?.abort();
      fail(e);
    }
  });
} catch (e) {
  fail(e);
}
