/** The worker-thread entry of sweeps and plans: runs one unit (src/sweep/run-unit.ts) per call. */
import { runUnit, type UnitRecord, type UnitTask } from "../sweep/run-unit.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { selectStrategies } from "./strategy-selection.ts";

export default function runSweepUnit(task: UnitTask): Promise<UnitRecord> {
  return runUnit(task, (scenario, names) =>
    loadStrategyModules(selectStrategies("sweep", scenario.strategies, names), scenario.portUniverse),
  );
}
