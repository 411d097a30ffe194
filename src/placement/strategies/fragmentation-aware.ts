/**
 * fragmentation-aware (the idea of "Fragmentation Gradient Descent", Weng et al., USENIX ATC'23, applied
 * to CPU/memory/GPU/ENI instances): place the task where the expected capacity left unusable by the
 * scenario's task-shape mix grows least.
 *
 *   F(free) = sum over shapes m of w_m * [m does not fit in free] * U(free)
 *   U(free) = mean over r in {cpu, memory, gpu*} of free_r / registered_r      (normalized free capacity)
 *   score(i) = F(free(i) - demand) - F(free(i))
 *
 * w_m is shape m's share of expected arrivals. "Fits" compares CPU, memory, GPUs and ENIs (ports are left
 * out: they do not strand capacity in the same way). Cost per decision: O(shapes) per candidate.
 */
import type { ClusterView } from "../cluster-view.ts";
import { defineStrategy, type ShapeShare } from "../strategy.ts";

export const fragmentationAware = defineStrategy({
  name: "fragmentation-aware",
  description: "least growth of capacity unusable by the task-shape mix (FGD, ATC'23)",
  setup({ field, cluster, taskMix }) {
    if (field !== undefined) throw new Error(`fragmentation-aware takes no field (got "${field}")`);
    return {
      // Instance-local: the score reads only i's free and registered capacity, the task and the fixed mix.
      index: { local: "shapeScore" },
      score(i, t) {
        const cpu = cluster.freeCpu(i);
        const memory = cluster.freeMemory(i);
        const gpu = cluster.freeGpu(i);
        const eni = cluster.freeEni(i);
        const before = fragmentation(cluster, i, taskMix, cpu, memory, gpu, eni);
        const after = fragmentation(
          cluster,
          i,
          taskMix,
          cpu - t.cpu,
          memory - t.memory,
          gpu - t.gpu,
          eni - t.eni,
        );
        return after - before;
      },
    };
  },
});

/** F(free) for instance i's registered capacity and the given free vector. */
export function fragmentation(
  c: ClusterView,
  i: number,
  mix: readonly ShapeShare[],
  cpu: number,
  memory: number,
  gpu: number,
  eni: number,
): number {
  const rg = c.registeredGpu(i);
  const usable =
    rg > 0
      ? (cpu / c.registeredCpu(i) + memory / c.registeredMemory(i) + gpu / rg) / 3
      : (cpu / c.registeredCpu(i) + memory / c.registeredMemory(i)) / 2;
  let unfit = 0;
  for (const m of mix) {
    if (m.cpu > cpu || m.memory > memory || m.gpu > gpu || m.eni > eni) unfit += m.weight;
  }
  return unfit * usable;
}
