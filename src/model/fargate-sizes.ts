/**
 * Fargate task sizes (ECS developer guide, "Task CPU and memory" / task-cpu-memory-error.md): task-level cpu
 * (CPU units) and memory (MiB) must be one of these combinations. 8 and 16 vCPU need Linux platform 1.4.0.
 *
 *   256 (.25 vCPU)  512, 1024, 2048
 *   512 (.5 vCPU)   1024 to 4096 in 1024 steps
 *   1024 (1 vCPU)   2048 to 8192 in 1024 steps
 *   2048 (2 vCPU)   4096 to 16384 in 1024 steps
 *   4096 (4 vCPU)   8192 to 30720 in 1024 steps
 *   8192 (8 vCPU)   16384 to 61440 in 4096 steps
 *   16384 (16 vCPU) 32768 to 122880 in 8192 steps
 */
export interface FargateSize {
  cpu: number;
  memory: number;
}

const steps = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, k) => from + k * step);

const TABLE: [cpu: number, memories: number[]][] = [
  [256, [512, 1024, 2048]],
  [512, steps(1024, 4096, 1024)],
  [1024, steps(2048, 8192, 1024)],
  [2048, steps(4096, 16384, 1024)],
  [4096, steps(8192, 30720, 1024)],
  [8192, steps(16384, 61440, 4096)],
  [16384, steps(32768, 122880, 8192)],
];

/** Every valid size, ordered by cpu then memory. */
export const FARGATE_SIZES: readonly FargateSize[] = TABLE.flatMap(([cpu, memories]) =>
  memories.map((memory) => ({ cpu, memory })),
);

export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES.some((s) => s.cpu === cpu && s.memory === memory);
}

/**
 * The smallest valid size that holds cpu and memory (least cpu, then least memory), or undefined when the
 * request exceeds 16 vCPU / 120 GB.
 */
export function fargateSizeFor(cpu: number, memory: number): FargateSize | undefined {
  return FARGATE_SIZES.find((s) => s.cpu >= cpu && s.memory >= memory);
}
