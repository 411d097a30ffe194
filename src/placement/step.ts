/**
 * One step of an ECS placement strategy chain.
 *
 * A step ranks the instances that passed every filter; lower rank is better. The chain compares ranks
 * lexicographically: each later step only breaks the ties the earlier steps left, and whatever ties remain
 * at the end are broken uniformly at random from the run's tie-break stream. A step never excludes an
 * instance (ECS strategies are best effort; constraints are what exclude).
 */
import type { Cluster, PlacementShape } from "../model/cluster.ts";
import type { TaskGroups } from "./task-groups.ts";

export interface Decision {
  shape: PlacementShape;
  group: number;
}

export interface Ranker {
  /** Rank of instance i for this decision; lower is better. */
  rank(i: number, decision: Decision): number;
}

export interface StepEnvironment {
  cluster: Cluster;
  groups: TaskGroups;
}

/**
 * Builds a step's ranker, or "random" for a step that leaves the choice to the tie-break stream
 * (any step after it can never matter). Throws a message naming what is wrong with `field`.
 */
export type StepFactory = (field: string | undefined, env: StepEnvironment) => Ranker | "random";

/** A placement strategy step in the ECS API shape (placementStrategy[i]). */
export interface PlacementStrategyStep {
  type: string;
  field?: string;
}
