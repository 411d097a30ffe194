/**
 * `berth/testing`: unit-test a placement strategy on a hand-built cluster, with the helpers berth's own
 * strategy tests use (docs/strategies.md shows one in a fresh folder).
 */
export {
  builtinInstanceType,
  type InstanceSpec,
  instanceType,
  leaveFree,
  runTask,
  type TestCluster,
  taskShape,
  testCluster,
} from "./cluster.ts";
export { type HarnessOptions, StrategyHarness } from "./harness.ts";
