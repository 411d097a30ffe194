/**
 * What `berth bench` builds synthetic clusters from when no scenario is given: m5.2xlarge instances and
 * the four task shapes of scenarios/scale-1m.yaml (small web tasks to memory-heavy batch tasks).
 */
import { BUILTIN_INSTANCE_TYPES, type InstanceType } from "../model/instance-types.ts";
import { compileTaskDefinition, type TaskShape } from "../model/task-definition.ts";
import type { ShapeShare } from "../placement/strategy.ts";

export const DEFAULT_INSTANCE_TYPE: InstanceType = BUILTIN_INSTANCE_TYPES.get("m5.2xlarge")!;

/** Family, CPU units, MiB, and arrivals per second in scenarios/scale-1m.yaml (the task-shape mix). */
const SHAPES: [family: string, cpu: number, memory: number, rate: number][] = [
  ["web", 256, 512, 18],
  ["api", 512, 1024, 10],
  ["batch", 128, 2048, 10],
  ["big", 512, 4096, 4],
];

export const DEFAULT_SHAPES: TaskShape[] = SHAPES.map(([family, cpu, memory]) =>
  compileTaskDefinition(
    { family, containerDefinitions: [{ name: family, cpu, memory }] },
    (path, message) => {
      throw new Error(`default bench shape ${family}: ${path.join(".")}: ${message}`);
    },
  ),
);

/** The default shapes' share of arrivals, as fragmentation-aware sees them in scale-1m. */
export const DEFAULT_TASK_MIX: ShapeShare[] = SHAPES.map(([family, cpu, memory, rate]) => ({
  family,
  cpu,
  memory,
  gpu: 0,
  eni: 0,
  weight: rate / SHAPES.reduce((sum, s) => sum + s[3], 0),
}));
