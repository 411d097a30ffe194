/**
 * Shared arithmetic of the multi-resource heuristics: resources as fractions of what instance i registered.
 * Dimensions are CPU, memory and, on instances that have GPUs, GPUs (a task's GPU demand on a GPU-less
 * instance never reaches here: it does not fit).
 */
import type { ClusterView } from "../cluster-view.ts";
import type { TaskView } from "../task-view.ts";

/** Sum over dimensions of (free - demand) / registered: the normalized leftover after placing. */
export function leftoverSum(c: ClusterView, i: number, t: TaskView): number {
  let s = (c.freeCpu(i) - t.cpu) / c.registeredCpu(i) + (c.freeMemory(i) - t.memory) / c.registeredMemory(i);
  const g = c.registeredGpu(i);
  if (g > 0) s += (c.freeGpu(i) - t.gpu) / g;
  return s;
}

/** Euclidean norm of the normalized leftover vector. */
export function leftoverNorm(c: ClusterView, i: number, t: TaskView): number {
  const cpu = (c.freeCpu(i) - t.cpu) / c.registeredCpu(i);
  const memory = (c.freeMemory(i) - t.memory) / c.registeredMemory(i);
  const g = c.registeredGpu(i);
  const gpu = g > 0 ? (c.freeGpu(i) - t.gpu) / g : 0;
  return Math.sqrt(cpu * cpu + memory * memory + gpu * gpu);
}

/** Dot product of the normalized demand and the normalized free vector (Tetris alignment). */
export function alignment(c: ClusterView, i: number, t: TaskView): number {
  const rc = c.registeredCpu(i);
  const rm = c.registeredMemory(i);
  let a = ((t.cpu / rc) * c.freeCpu(i)) / rc + ((t.memory / rm) * c.freeMemory(i)) / rm;
  const g = c.registeredGpu(i);
  if (g > 0) a += ((t.gpu / g) * c.freeGpu(i)) / g;
  return a;
}
