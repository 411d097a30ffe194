/**
 * One step of a placement strategy chain, in the ECS API shape, and what a step is built with.
 *
 * A chain is up to five steps. Steps may filter (hard), score (soft; lower is better, compared
 * lexicographically so each later step only breaks the ties the earlier ones left, remaining ties going to
 * the run's tie-break stream) or decide whole (`place`). ECS's own types (binpack, spread, random) only
 * score: ECS strategies are best effort and never exclude; constraints are what exclude.
 */
import type { ClusterView } from "./cluster-view.ts";
import type { ShapeShare, StrategyDefinition } from "./strategy.ts";
import type { TaskGroups } from "./task-groups.ts";

/** A placement strategy step in the ECS API shape (placementStrategy[i]). */
export interface PlacementStrategyStep {
  type: string;
  field?: string;
}

export interface StepEnvironment {
  view: ClusterView;
  groups: TaskGroups;
  seed: number;
  taskMix: readonly ShapeShare[];
  /** Prefix of the steps' random stream names (a service's own chain draws apart from the run's). */
  streamPrefix?: string;
  /** Strategies loaded from files, by the step type that names them. */
  modules?: ReadonlyMap<string, StrategyDefinition>;
}
