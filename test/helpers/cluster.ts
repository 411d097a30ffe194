/** Small hand-built clusters and shapes (by size) for metric unit tests. */
import { Cluster, type PlacementShape } from "../../src/model/cluster.ts";
import type { InstanceType } from "../../src/model/instance-types.ts";
import type { TaskShape } from "../../src/model/task-definition.ts";
import { boxType } from "./model.ts";

/** An inline type named after its size (registered units). */
export function instanceType(cpu: number, memory: number, extra: Partial<InstanceType> = {}): InstanceType {
  return boxType(`t-${cpu}-${memory}`, cpu, memory, extra);
}

export function shape(cpu: number, memory: number, extra: Partial<TaskShape> = {}): TaskShape {
  return {
    family: `f-${cpu}-${memory}`,
    networkMode: "bridge",
    cpu,
    memory,
    gpu: 0,
    eni: 0,
    dynamicPorts: 0,
    staticPorts: [],
    containers: [{ name: "app", essential: true }],
    ...extra,
  };
}

export function clusterOf(
  types: InstanceType[],
  shapes: TaskShape[],
): { cluster: Cluster; shapes: PlacementShape[] } {
  const cluster = new Cluster(new Set(shapes.flatMap((s) => s.staticPorts)));
  types.forEach((t, k) => cluster.addInstance(t, k, "us-east-1a", {}, 0));
  return { cluster, shapes: shapes.map((s, i) => cluster.resolveShape(s, i)) };
}
