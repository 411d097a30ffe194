/** Test helper: load a scenario from text and run one strategy with an in-memory event log. */
import { type LoadedScenario, loadScenarioText } from "../../src/scenario/load.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { type RunResult, simulate } from "../../src/sim/simulate.ts";

export interface TestRun {
  loaded: LoadedScenario;
  run: RunResult;
  log: MemoryLog;
}

export function runText(text: string, strategy = 0, seed?: number): TestRun {
  const loaded = loadScenarioText("test.yaml", text);
  const log = new MemoryLog();
  const sc = loaded.scenario;
  const run = simulate(sc, sc.strategies[strategy]!, seed ?? sc.seed, { log });
  return { loaded, run, log };
}

export function dynamicsOf(r: TestRun) {
  const d = r.run.metrics.dynamics;
  if (!d) throw new Error("run has no dynamics metrics");
  return d;
}

/** Times at which log entries match. */
export function timesOf(log: MemoryLog, match: (e: MemoryLog["entries"][number]) => boolean): number[] {
  return log.entries.filter(match).map((e) => e.time);
}

export const STRATEGIES = `strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;
