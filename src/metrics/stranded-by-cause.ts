/**
 * Stranded capacity at one instant, by cause. An ACTIVE instance is stranding when none of the scenario's
 * task shapes fits on it now: its free capacity cannot serve any task of this workload.
 *
 *   stranded[r]           = sum over stranding instances of free_r / sum over ACTIVE instances of registered_r
 *   byCause[c].cpu/memory = the same sums restricted to stranding instances whose binding resource is c
 *   byCause[c].instances  = stranding instances (with some free cpu or memory) whose binding resource is c
 *
 * A resource no shape requests (GPUs, ENIs for a bridge-mode workload) is not stranded: it reports 0.
 * The binding resource of a stranding instance is the check (in ECS order: cpu, memory, gpu, eni, ports)
 * that rejects the most shapes, each shape counted by the first check it fails; ties go to the earlier
 * check. Cost: O(instances x shapes) per sample.
 */
import { type Cluster, InstanceStatus, Misfit, type PlacementShape } from "../model/cluster.ts";

export const STRAND_CAUSES = ["cpu", "memory", "gpu", "eni", "ports"] as const;
export type StrandCause = (typeof STRAND_CAUSES)[number];
/** Misfit code of each cause, same order as STRAND_CAUSES. */
const CAUSE_MISFIT = [Misfit.Cpu, Misfit.Memory, Misfit.Gpu, Misfit.Eni, Misfit.Ports];

export interface CauseShare {
  instances: number;
  cpu: number;
  memory: number;
}

export interface Stranded {
  cpu: number;
  memory: number;
  gpu: number;
  eni: number;
  byCause: Record<StrandCause, CauseShare>;
}

/** Layout of a flat sample: cpu, memory, gpu, eni, then (instances, cpu, memory) per cause. */
export const STRANDED_FIELDS = 4 + 3 * STRAND_CAUSES.length;

/** Writes one sample into out (length STRANDED_FIELDS) without allocating. */
export function sampleStranded(cluster: Cluster, shapes: PlacementShape[], out: Float64Array): void {
  out.fill(0);
  const rejected = new Int32Array(Misfit.NotActive + 1);
  let regCpu = 0;
  let regMemory = 0;
  let regGpu = 0;
  let regEni = 0;
  for (let i = 0; i < cluster.count; i++) {
    if (cluster.status[i] !== InstanceStatus.Active) continue;
    regCpu += cluster.regCpu[i]!;
    regMemory += cluster.regMemory[i]!;
    regGpu += cluster.regGpu[i]!;
    regEni += cluster.regEni[i]!;
    if (fitsSome(cluster, shapes, i)) continue;
    // Stranding (the common case is not, so the per-check counts are only taken here).
    rejected.fill(0);
    for (const shape of shapes) rejected[cluster.misfit(shape, i)]!++;
    const freeCpu = cluster.freeCpu[i]!;
    const freeMemory = cluster.freeMemory[i]!;
    out[0]! += freeCpu;
    out[1]! += freeMemory;
    out[2]! += cluster.freeGpu[i]!;
    out[3]! += cluster.freeEni[i]!;
    let cause = 0;
    for (let c = 1; c < CAUSE_MISFIT.length; c++) {
      if (rejected[CAUSE_MISFIT[c]!]! > rejected[CAUSE_MISFIT[cause]!]!) cause = c;
    }
    const at = 4 + 3 * cause;
    if (freeCpu > 0 || freeMemory > 0) out[at]!++;
    out[at + 1]! += freeCpu;
    out[at + 2]! += freeMemory;
  }
  const share = (v: number, reg: number) => (reg > 0 ? v / reg : 0);
  let wantsGpu = false;
  let wantsEni = false;
  for (const shape of shapes) {
    wantsGpu ||= shape.gpu > 0;
    wantsEni ||= shape.eni > 0;
  }
  out[0] = share(out[0]!, regCpu);
  out[1] = share(out[1]!, regMemory);
  out[2] = wantsGpu ? share(out[2]!, regGpu) : 0;
  out[3] = wantsEni ? share(out[3]!, regEni) : 0;
  for (let c = 0; c < STRAND_CAUSES.length; c++) {
    const at = 4 + 3 * c;
    out[at + 1] = share(out[at + 1]!, regCpu);
    out[at + 2] = share(out[at + 2]!, regMemory);
  }
}

/** Whether some shape fits instance i now (true when there are no shapes: nothing can strand). */
function fitsSome(cluster: Cluster, shapes: PlacementShape[], i: number): boolean {
  for (const shape of shapes) if (cluster.misfit(shape, i) === Misfit.None) return true;
  return shapes.length === 0;
}

/** The object form of a flat sample (or of a mean of samples). */
export function strandedFromFlat(flat: ArrayLike<number>): Stranded {
  const byCause = {} as Record<StrandCause, CauseShare>;
  STRAND_CAUSES.forEach((cause, c) => {
    const at = 4 + 3 * c;
    byCause[cause] = { instances: flat[at]!, cpu: flat[at + 1]!, memory: flat[at + 2]! };
  });
  return { cpu: flat[0]!, memory: flat[1]!, gpu: flat[2]!, eni: flat[3]!, byCause };
}

/** Convenience for tests and one-off callers. */
export function strandedCapacity(cluster: Cluster, shapes: PlacementShape[]): Stranded {
  const out = new Float64Array(STRANDED_FIELDS);
  sampleStranded(cluster, shapes, out);
  return strandedFromFlat(out);
}
