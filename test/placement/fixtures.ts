/** Small hand-built clusters for placement tests. */
import { Cluster, type PlacementShape } from "../../src/model/cluster.ts";
import type { InstanceType } from "../../src/model/instance-types.ts";
import type { TaskShape } from "../../src/model/task-definition.ts";
import { ClusterView } from "../../src/placement/cluster-view.ts";
import { TaskGroups } from "../../src/placement/task-groups.ts";
import { boxType } from "../helpers/model.ts";

/** An inline instance type (registered units); the same helper engine tests use. */
export const instanceType = boxType;

export interface InstanceSpec {
  type?: InstanceType;
  zone?: string;
  attributes?: Record<string, string>;
  registeredAt?: number;
  agentVersion?: string;
}

export function testCluster(specs: InstanceSpec[], ports: string[] = []) {
  const cluster = new Cluster(ports);
  const groups = new TaskGroups(cluster);
  const types: InstanceType[] = [];
  for (const s of specs) {
    const type = s.type ?? instanceType("m5.large", 2048, 7985);
    let t = types.findIndex((x) => x.name === type.name);
    if (t < 0) t = types.push(type) - 1;
    const i = cluster.addInstance(
      type,
      t,
      s.zone ?? "us-east-1a",
      s.attributes ?? {},
      s.registeredAt ?? 0,
      s.agentVersion,
    );
    groups.instanceAdded(i);
  }
  return { cluster, groups, view: new ClusterView(cluster, groups) };
}

export function shape(cluster: Cluster, partial: Partial<TaskShape> = {}, index = 0): PlacementShape {
  return cluster.resolveShape(
    {
      family: "web",
      networkMode: "bridge",
      cpu: 256,
      memory: 512,
      gpu: 0,
      eni: 0,
      dynamicPorts: 0,
      staticPorts: [],
      containers: [{ name: "app", essential: true }],
      ...partial,
    },
    index,
  );
}

/** Reserves the shape on instance i as a task of the named group. */
export function runTask(
  env: { cluster: Cluster; groups: TaskGroups },
  s: PlacementShape,
  i: number,
  group: string,
): void {
  env.cluster.reserve(s, i);
  env.groups.add(env.groups.id(group), i, 1);
}

/** Reserves capacity on instance i so that exactly `cpu` units and `memory` MiB stay free. */
export function leaveFree(
  env: { cluster: Cluster; groups: TaskGroups },
  i: number,
  cpu: number,
  memory: number,
) {
  const c = env.cluster;
  const filler = shape(c, { family: "filler", cpu: c.freeCpu[i]! - cpu, memory: c.freeMemory[i]! - memory });
  runTask(env, filler, i, "filler");
}
