/** Small hand-built clusters for placement tests: the helpers `berth/testing` offers strategy authors. */
export {
  type InstanceSpec,
  instanceType,
  leaveFree,
  runTask,
  taskShape as shape,
  testCluster,
} from "../../src/testing/cluster.ts";
