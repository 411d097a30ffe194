/**
 * gpu-reserve: keep GPU instances free for GPU tasks, and bin-pack on memory otherwise.
 *
 *   score(i) = (task needs no GPU and instance i has GPUs ? 1 : 0) * 2^20 + free memory after placing
 *
 * A soft rule (score), not a hard one (filter): CPU-only tasks still land on GPU instances when nothing
 * else fits, instead of waiting. Cost per decision: O(1) per candidate.
 */
import { defineStrategy } from "../../src/placement/strategy.ts";

export default defineStrategy({
  name: "gpu-reserve",
  description: "keep GPU instances for GPU tasks, then binpack on memory",
  score(i, task, { cluster }) {
    const wasted = task.gpu === 0 && cluster.registeredGpu(i) > 0 ? 1 : 0;
    return wasted * 2 ** 20 + (cluster.freeMemory(i) - task.memory);
  },
});
