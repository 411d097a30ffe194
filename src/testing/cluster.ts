/**
 * Hand-built clusters for strategy unit tests (berth's own and a strategy author's, via `berth/testing`):
 * instances of inline or built-in instance types, task shapes by size, and tasks already running.
 */
import { Cluster, type PlacementShape } from "../model/cluster.ts";
import { BUILTIN_INSTANCE_TYPES, type InstanceType } from "../model/instance-types.ts";
import type { TaskShape } from "../model/task-definition.ts";
import { ClusterView } from "../placement/cluster-view.ts";
import { TaskGroups } from "../placement/task-groups.ts";

/** An instance type of the given registered CPU units (1024 per vCPU) and memory (MiB). */
export function instanceType(
  name: string,
  cpu: number,
  memory: number,
  extra: Partial<InstanceType> = {},
): InstanceType {
  return {
    name,
    vcpu: cpu / 1024,
    memoryMiB: memory,
    cpu,
    memory,
    gpu: 0,
    enis: 3,
    pricePerHour: 0,
    priceSource: "test",
    architecture: "x86_64",
    ...extra,
  };
}

/** A built-in EC2 instance type by name ("m5.large"); throws for an unknown name. */
export function builtinInstanceType(name: string): InstanceType {
  const t = BUILTIN_INSTANCE_TYPES.get(name);
  if (!t) throw new Error(`no built-in instance type "${name}"`);
  return t;
}

export interface InstanceSpec {
  /** An InstanceType, or a built-in type's name; default m5.large-sized (2048 units, 7985 MiB). */
  type?: InstanceType | string;
  zone?: string;
  attributes?: Record<string, string>;
  registeredAt?: number;
  agentVersion?: string;
}

export interface TestCluster {
  cluster: Cluster;
  groups: TaskGroups;
  /** The read-only view a strategy's setup receives. */
  view: ClusterView;
}

/** A cluster of the given instances (ids 0, 1, ... in order); `ports` are the host ports tasks may ask for. */
export function testCluster(specs: InstanceSpec[], ports: string[] = []): TestCluster {
  const cluster = new Cluster(ports);
  const groups = new TaskGroups(cluster);
  const types: InstanceType[] = [];
  for (const s of specs) {
    const type =
      typeof s.type === "string"
        ? builtinInstanceType(s.type)
        : (s.type ?? instanceType("m5.large", 2048, 7985));
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

/** A task shape for `cluster` (default: family "web", 256 CPU units, 512 MiB, bridge networking). */
export function taskShape(cluster: Cluster, partial: Partial<TaskShape> = {}, index = 0): PlacementShape {
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

/** Reserves the shape on instance i as a task of the named group (a task already running there). */
export function runTask(
  env: { cluster: Cluster; groups: TaskGroups },
  shape: PlacementShape,
  i: number,
  group: string,
): void {
  env.cluster.reserve(shape, i);
  env.groups.add(env.groups.id(group), i, 1);
}

/** Reserves capacity on instance i so that exactly `cpu` units and `memory` MiB stay free. */
export function leaveFree(
  env: { cluster: Cluster; groups: TaskGroups },
  i: number,
  cpu: number,
  memory: number,
): void {
  const c = env.cluster;
  const filler = taskShape(c, {
    family: "filler",
    cpu: c.freeCpu[i]! - cpu,
    memory: c.freeMemory[i]! - memory,
  });
  runTask(env, filler, i, "filler");
}
