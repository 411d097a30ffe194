/**
 * The public API of the `berth` package, for strategy authors: `import { defineStrategy, type ClusterView }
 * from "berth"`. A strategy file default-exports `defineStrategy({...})` (docs/strategies.md); `berth/testing`
 * unit-tests one on a hand-built cluster. Everything else in the package is internal and may change.
 */
export type { Rng } from "../core/random.ts";
export { ClusterView } from "../placement/cluster-view.ts";
export type { PlacedTask, RebalanceHook, RebalanceView, TaskMove } from "../placement/rebalance-api.ts";
export {
  type ContextHooks,
  defineStrategy,
  type IndexDeclaration,
  type IndexKey,
  type ShapeShare,
  type StrategyContext,
  type StrategyDefinition,
  StrategyError,
  type StrategyHooks,
  type StrategyInput,
} from "../placement/strategy.ts";
export type { TaskView } from "../placement/task-view.ts";
