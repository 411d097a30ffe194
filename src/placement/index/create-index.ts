/**
 * Picks the placement index for a chain: the single-step PlacementIndex where it applies (one tree per
 * shape, the leanest upkeep), else the ChainIndex for chains of indexable steps (attribute spreads,
 * several steps), else none (the Placer scans: custom strategies, filters, place()).
 */
import type { Rng } from "../../core/random.ts";
import type { Cluster, PlacementShape } from "../../model/cluster.ts";
import type { CompiledChain } from "../registry.ts";
import type { PlacementStrategyStep } from "../step.ts";
import type { TaskGroups } from "../task-groups.ts";
import type { Decision } from "../task-view.ts";
import { ChainIndex, chainKinds } from "./chain-index.ts";
import { createPlacementIndex, indexKeyOf } from "./placement-index.ts";

/** What the Placer asks an index: an instance id, -1 (fits nowhere) or SCAN (chain-index.ts). */
export interface DecisionIndex {
  choose(decision: Decision): number;
}

/** Whether createDecisionIndex would index this chain. */
export function isIndexable(steps: PlacementStrategyStep[], chain: CompiledChain): boolean {
  if (chain.filters.length > 0 || chain.place !== null) return false;
  return indexKeyOf(steps) !== undefined || chainKinds(steps) !== undefined;
}

export function createDecisionIndex(
  steps: PlacementStrategyStep[],
  env: { cluster: Cluster; groups: TaskGroups },
  shapes: PlacementShape[],
  tieBreak: Rng,
  chain: CompiledChain,
): DecisionIndex | undefined {
  if (chain.filters.length > 0 || chain.place !== null) return undefined;
  const single = createPlacementIndex(steps, env, shapes, tieBreak, chain.scores[0]);
  if (single) return single;
  const kinds = chainKinds(steps);
  if (!kinds) return undefined;
  return new ChainIndex(env.cluster, env.groups, shapes, kinds, chain.scores, tieBreak);
}
