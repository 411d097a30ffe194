/**
 * The worker-thread entry of sweeps and plans: runs one unit (src/sweep/run-unit.ts) per call. When the
 * pool watches strategy code (PoolOptions.decisionTimeoutMs), each unit brings the buffer its watcher
 * reads; process.exit in strategy code throws, and an error a strategy throws asynchronously fails the
 * unit it happened in (or, if it surfaces later, the next unit on this worker).
 */
import { StrategyError } from "../placement/strategy.ts";
import {
  describeFault,
  forbidProcessExit,
  installThreadWatch,
  withRunContext,
} from "../sim/strategy-guard.ts";
import { estimateWork } from "../sim/work-estimate.ts";
import { runUnit, type UnitRecord, type UnitTask } from "../sweep/run-unit.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { runBudgetFor } from "./work-check.ts";

forbidProcessExit();
let failedLater: string | undefined;
const failed = (e: unknown) => {
  failedLater ??= String((e as Error)?.message ?? e).split("\n")[0]!;
};
process.on("uncaughtException", failed);
process.on("unhandledRejection", failed);

export default async function runSweepUnit(
  task: UnitTask & { watch?: SharedArrayBuffer },
): Promise<UnitRecord> {
  const state = task.watch ? installThreadWatch(task.watch) : undefined;
  const { watch: _, ...unit } = task;
  let record: UnitRecord;
  try {
    record = await runUnit(
      unit,
      (scenario, names) =>
        loadStrategyModules(selectStrategies("sweep", scenario.strategies, names), scenario.portUniverse),
      // The work estimate was checked before the sweep or plan started; each run keeps its event budget.
      (scenario, strategies) =>
        runBudgetFor(estimateWork(scenario, strategies.length, 1), unit.allowLarge ?? false),
    );
  } catch (e) {
    if (e instanceof StrategyError) throw new StrategyError(withRunContext(e.message));
    throw e;
  }
  // A strategy's rejected promise or zero-delay timer surfaces before this: the unit failed.
  await new Promise((settled) => setTimeout(() => setImmediate(settled), 0));
  const later = failedLater;
  failedLater = undefined;
  if (later !== undefined) {
    const what = `failed asynchronously (in a timer or a promise): ${later}`;
    throw new StrategyError(state ? describeFault(state, what, false) : `a strategy ${what}`);
  }
  return record;
}
