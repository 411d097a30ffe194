/** Runs one decision of a one-step chain on a test cluster. */
import { createStream } from "../../../src/core/random.ts";
import type { PlacementShape } from "../../../src/model/cluster.ts";
import { Placer } from "../../../src/placement/decide.ts";
import { compileChain } from "../../../src/placement/registry.ts";
import type { ShapeShare } from "../../../src/placement/strategy.ts";
import { Decision } from "../../../src/placement/task-view.ts";
import type { testCluster } from "../fixtures.ts";

export function choose(
  env: ReturnType<typeof testCluster>,
  type: string,
  task: PlacementShape,
  taskMix: ShapeShare[] = [],
): number {
  const chain = compileChain([{ type }], { ...env, seed: 1, taskMix });
  return new Placer(env.cluster, chain, createStream(1, "tie-break")).choose(new Decision(task));
}

/** Score of instance i for the task under a one-step chain. */
export function scoreOf(
  env: ReturnType<typeof testCluster>,
  type: string,
  task: PlacementShape,
  i: number,
  taskMix: ShapeShare[] = [],
): number {
  const chain = compileChain([{ type }], { ...env, seed: 1, taskMix });
  return chain.scores[0]!(i, new Decision(task));
}
