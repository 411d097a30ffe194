/** Small builders for model and placement tests: task shapes, instance types, clusters. */

import { Cluster, type PlacementShape } from "../../src/model/cluster.ts";
import { BUILTIN_INSTANCE_TYPES, type InstanceType } from "../../src/model/instance-types.ts";
import {
  compileTaskDefinition,
  type TaskDefinition,
  type TaskShape,
} from "../../src/model/task-definition.ts";
import { instanceType } from "../../src/testing/cluster.ts";

/** Compiles a task definition and fails loudly on any problem (tests of valid definitions). */
export function shapeOf(def: TaskDefinition): TaskShape {
  const problems: string[] = [];
  const shape = compileTaskDefinition(def, (path, message) => problems.push(`${path.join(".")}: ${message}`));
  if (problems.length > 0) throw new Error(`unexpected problems: ${problems.join("; ")}`);
  return shape;
}

/** The problems compileTaskDefinition reports, as "path: message" lines. */
export function problemsOf(def: TaskDefinition): string[] {
  const problems: string[] = [];
  compileTaskDefinition(def, (path, message) => problems.push(`${path.join(".")}: ${message}`));
  return problems;
}

/** A one-container bridge task of the given size with optional static host ports. */
export function simpleTask(
  family: string,
  cpu: number,
  memory: number,
  opts: {
    hostPorts?: number[];
    dynamicPorts?: number;
    networkMode?: TaskDefinition["networkMode"];
    gpu?: number;
  } = {},
): TaskShape {
  const portMappings = [
    ...(opts.hostPorts ?? []).map((p) => ({ containerPort: p, hostPort: p })),
    ...Array.from({ length: opts.dynamicPorts ?? 0 }, (_, k) => ({ containerPort: 8000 + k })),
  ];
  return shapeOf({
    family,
    networkMode: opts.networkMode ?? "bridge",
    containerDefinitions: [
      {
        name: "main",
        cpu,
        memory,
        portMappings,
        ...(opts.gpu ? { resourceRequirements: [{ type: "GPU", value: String(opts.gpu) }] } : {}),
      },
    ],
  });
}

/** An inline instance type (registered units), like cluster.instanceTypes in a scenario (berth/testing's). */
export const boxType = instanceType;

export function builtin(name: string): InstanceType {
  const t = BUILTIN_INSTANCE_TYPES.get(name);
  if (!t) throw new Error(`no built-in type ${name}`);
  return t;
}

/** A cluster whose port universe covers the given shapes, with their resolved placement shapes. */
export function clusterFor(
  shapes: TaskShape[],
  trunking = false,
): { cluster: Cluster; placement: PlacementShape[] } {
  const cluster = new Cluster(
    shapes.flatMap((s) => s.staticPorts),
    trunking,
  );
  return { cluster, placement: shapes.map((s, i) => cluster.resolveShape(s, i)) };
}

/** Adds `count` instances of a type in one zone; returns their ids. */
export function addInstances(
  cluster: Cluster,
  type: InstanceType,
  count: number,
  zone = "us-east-1a",
  attrs: Record<string, string> = {},
): number[] {
  const ids: number[] = [];
  let typeIndex = cluster.types.indexOf(type);
  if (typeIndex < 0) typeIndex = cluster.types.length;
  for (let k = 0; k < count; k++) ids.push(cluster.addInstance(type, typeIndex, zone, attrs, 0));
  return ids;
}
