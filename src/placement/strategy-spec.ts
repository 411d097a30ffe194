/**
 * A named strategy as the simulator runs it: its chain of steps (ECS placementStrategy shape), the
 * constraints it adds, and the strategy files its steps name. Scenarios, presets and strategy files all
 * produce one.
 */
import type { ParsedConstraint } from "./constraints.ts";
import type { PlacementStrategyStep } from "./step.ts";
import type { StrategyDefinition } from "./strategy.ts";

/**
 * A periodic rebalancer run with a strategy: drain-emptiest (src/sim/rebalancer.ts), az-balance
 * (src/sim/az-balance.ts) or the rebalance hook of the chain's strategy file (strategy-file); the last two
 * make task moves (src/sim/task-moves.ts).
 */
export interface RebalanceSpec {
  rebalancer: "drain-emptiest" | "az-balance" | "strategy-file";
  /** seconds between rounds */
  every: number;
  /** task moves made per round at most (az-balance, strategy-file; default 10) */
  maxMoves?: number;
  /** instances vacated per round at most */
  maxInstances: number;
  /** only instances whose reserved share (the larger of CPU and memory) is below this */
  belowReserved: number;
}

export interface StrategySpec {
  name: string;
  description: string;
  placementStrategy: PlacementStrategyStep[];
  /** A defragmenter run with the strategy (none if absent). */
  rebalance?: RebalanceSpec;
  /** Constraints the strategy adds to every task (none if absent). */
  constraints?: ParsedConstraint[];
  /** Absolute paths of the strategy files its steps name, by step type (not serialized). */
  modulePaths?: Record<string, string>;
  /** The loaded strategy files, by step type (filled by loadStrategyModules before running). */
  modules?: ReadonlyMap<string, StrategyDefinition>;
  /**
   * Capacity provider strategy (provider index, base, weight) for the sources and services that use the
   * scenario's default, under this strategy only: compares e.g. Fargate with an EC2 group.
   */
  providerStrategy?: { provider: number; base: number; weight: number }[];
}

/** "spread(attribute:ecs.availability-zone) > binpack(memory)" */
export function describeChain(chain: PlacementStrategyStep[]): string {
  return chain.map((step) => (step.field ? `${step.type}(${step.field})` : step.type)).join(" > ");
}
