/**
 * Picks the placement index for a compiled chain from its steps' declarations (StrategyHooks.index,
 * CompiledChain.index): the single-step PlacementIndex where it applies (one tree per shape, the leanest
 * upkeep), else the ChainIndex (attribute spreads, several steps), else none: the Placer scans (a step that
 * declares nothing, such as a custom strategy, or a chain with filters or place()).
 */
import type { Rng } from "../../core/random.ts";
import type { Cluster, PlacementShape } from "../../model/cluster.ts";
import type { CompiledChain } from "../registry.ts";
import type { TaskGroups } from "../task-groups.ts";
import type { Decision } from "../task-view.ts";
import { ChainIndex } from "./chain-index.ts";
import { createPlacementIndex } from "./placement-index.ts";

/** What the Placer asks an index: an instance id, -1 (fits nowhere) or SCAN (chain-index.ts). */
export interface DecisionIndex {
  choose(decision: Decision): number;
}

/** Whether createDecisionIndex indexes this chain. */
export function isIndexable(chain: CompiledChain): boolean {
  return chain.index !== null && chain.index.length > 0;
}

export function createDecisionIndex(
  chain: CompiledChain,
  env: { cluster: Cluster; groups: TaskGroups },
  shapes: PlacementShape[],
  tieBreak: Rng,
): DecisionIndex | undefined {
  if (!isIndexable(chain)) return undefined;
  return (
    createPlacementIndex(chain, env, shapes, tieBreak) ??
    new ChainIndex(env.cluster, env.groups, shapes, chain, tieBreak)
  );
}
