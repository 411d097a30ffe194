/** Runs one decision of a one-step chain on a test cluster (berth/testing's harness). */
import type { PlacementShape } from "../../../src/model/cluster.ts";
import type { ShapeShare } from "../../../src/placement/strategy.ts";
import type { TestCluster } from "../../../src/testing/cluster.ts";
import { StrategyHarness } from "../../../src/testing/harness.ts";

export function choose(
  env: TestCluster,
  type: string,
  task: PlacementShape,
  taskMix: ShapeShare[] = [],
): number {
  return new StrategyHarness(env, type, { taskMix }).choose(task);
}

/** Score of instance i for the task under a one-step chain. */
export function scoreOf(
  env: TestCluster,
  type: string,
  task: PlacementShape,
  i: number,
  taskMix: ShapeShare[] = [],
): number {
  return new StrategyHarness(env, type, { taskMix }).score(task, i);
}
