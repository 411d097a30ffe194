/**
 * What `berth bench` builds synthetic clusters from when no scenario is given: m5.2xlarge instances and
 * the four task shapes of scenarios/scale-1m.yaml (small web tasks to memory-heavy batch tasks).
 */
import { BUILTIN_INSTANCE_TYPES, type InstanceType } from "../model/instance-types.ts";
import { compileTaskDefinition, type TaskShape } from "../model/task-definition.ts";

export const DEFAULT_INSTANCE_TYPE: InstanceType = BUILTIN_INSTANCE_TYPES.get("m5.2xlarge")!;

const SHAPES: [family: string, cpu: number, memory: number][] = [
  ["web", 256, 512],
  ["api", 512, 1024],
  ["batch", 128, 2048],
  ["big", 512, 4096],
];

export const DEFAULT_SHAPES: TaskShape[] = SHAPES.map(([family, cpu, memory]) =>
  compileTaskDefinition(
    { family, containerDefinitions: [{ name: family, cpu, memory }] },
    (path, message) => {
      throw new Error(`default bench shape ${family}: ${path.join(".")}: ${message}`);
    },
  ),
);
