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
 * check. Cost of sampleStranded: O(instances x shapes) per sample.
 *
 * StrandedTracker gives the same samples, bit for bit, at O(changed instances x shapes) per sample: it keeps
 * each instance's last contribution and the integer sums above (exact in float64), and re-examines only the
 * instances changed since the previous sample (Cluster.onChange), so a sample's cost does not grow with the
 * cluster. The division by the registered sums happens at sample time, as in sampleStranded.
 */
import { grown, IdSet } from "../core/growable.ts";
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

/** Not ACTIVE (contributes nothing), in `contribution`; a cause index >= 0 means stranding for that cause. */
const INACTIVE = -2;
/** ACTIVE and some shape fits: counts toward the registered sums only. */
const SERVING = -1;

/** Stranded-capacity samples kept incrementally: same output as sampleStranded, cost per changed instance. */
export class StrandedTracker {
  /** Raw integer sums in sampleStranded's layout (before dividing), plus the registered sums. */
  private readonly raw = new Float64Array(STRANDED_FIELDS);
  private regCpu = 0;
  private regMemory = 0;
  private regGpu = 0;
  private regEni = 0;
  /** Per instance: INACTIVE, SERVING or the stranding cause; and the free amounts it was counted with. */
  private contribution = new Int32Array(1024).fill(INACTIVE);
  private counted = new Int32Array(4 * 1024);
  /** Instances changed since the last sample. */
  private readonly dirty = new IdSet();
  private readonly rejected = new Int32Array(Misfit.NotActive + 1);
  private readonly wantsGpu: boolean;
  private readonly wantsEni: boolean;

  constructor(
    private readonly cluster: Cluster,
    private readonly shapes: PlacementShape[],
  ) {
    this.wantsGpu = shapes.some((s) => s.gpu > 0);
    this.wantsEni = shapes.some((s) => s.eni > 0);
    for (let i = 0; i < cluster.count; i++) this.dirty.add(i);
    cluster.onChange.push((i) => this.dirty.add(i));
  }

  /** Writes the sample of the cluster now into out (length STRANDED_FIELDS), like sampleStranded. */
  sample(out: Float64Array): void {
    const dirty = this.dirty;
    for (let k = 0; k < dirty.size; k++) this.recount(dirty.list[k]!);
    dirty.clear();
    const raw = this.raw;
    const share = (v: number, reg: number) => (reg > 0 ? v / reg : 0);
    out[0] = share(raw[0]!, this.regCpu);
    out[1] = share(raw[1]!, this.regMemory);
    out[2] = this.wantsGpu ? share(raw[2]!, this.regGpu) : 0;
    out[3] = this.wantsEni ? share(raw[3]!, this.regEni) : 0;
    for (let c = 0; c < STRAND_CAUSES.length; c++) {
      const at = 4 + 3 * c;
      out[at] = raw[at]!;
      out[at + 1] = share(raw[at + 1]!, this.regCpu);
      out[at + 2] = share(raw[at + 2]!, this.regMemory);
    }
  }

  /** Takes instance i's old contribution out of the sums and puts its current one in. */
  private recount(i: number): void {
    const c = this.cluster;
    if (i >= this.contribution.length) this.grow(i);
    const old = this.contribution[i]!;
    let state = INACTIVE;
    if (c.status[i] === InstanceStatus.Active) {
      state = SERVING;
      // One pass over the shapes: stop at the first that fits; when none does, the per-check counts are
      // already taken (sampleStranded's fitsSome pass, then its counting pass, in one).
      const shapes = this.shapes;
      const rejected = this.rejected;
      rejected.fill(0);
      let fits = shapes.length === 0;
      for (let s = 0; s < shapes.length; s++) {
        const misfit = c.misfit(shapes[s]!, i);
        if (misfit === Misfit.None) {
          fits = true;
          break;
        }
        rejected[misfit]!++;
      }
      if (!fits) {
        let cause = 0;
        for (let k = 1; k < CAUSE_MISFIT.length; k++) {
          if (rejected[CAUSE_MISFIT[k]!]! > rejected[CAUSE_MISFIT[cause]!]!) cause = k;
        }
        state = cause;
      }
    }
    // Serving before and after (the common case): the instance counts its registered capacity only, which
    // taking out and putting back would leave exactly as it is (integer sums), so skip the sums and their
    // cold reads.
    if (state === SERVING && old === SERVING) return;
    this.apply(i, -1);
    this.contribution[i] = state;
    const at = 4 * i;
    this.counted[at] = c.freeCpu[i]!;
    this.counted[at + 1] = c.freeMemory[i]!;
    this.counted[at + 2] = c.freeGpu[i]!;
    this.counted[at + 3] = c.freeEni[i]!;
    this.apply(i, 1);
  }

  /** Adds (sign 1) or removes (-1) instance i's recorded contribution. */
  private apply(i: number, sign: 1 | -1): void {
    const state = this.contribution[i]!;
    if (state === INACTIVE) return;
    const c = this.cluster;
    this.regCpu += sign * c.regCpu[i]!;
    this.regMemory += sign * c.regMemory[i]!;
    this.regGpu += sign * c.regGpu[i]!;
    this.regEni += sign * c.regEni[i]!;
    if (state === SERVING) return;
    const raw = this.raw;
    const at = 4 * i;
    const freeCpu = this.counted[at]!;
    const freeMemory = this.counted[at + 1]!;
    raw[0]! += sign * freeCpu;
    raw[1]! += sign * freeMemory;
    raw[2]! += sign * this.counted[at + 2]!;
    raw[3]! += sign * this.counted[at + 3]!;
    const k = 4 + 3 * state;
    if (freeCpu > 0 || freeMemory > 0) raw[k]! += sign;
    raw[k + 1]! += sign * freeCpu;
    raw[k + 2]! += sign * freeMemory;
  }

  private grow(i: number): void {
    const old = this.contribution.length;
    const cap = Math.max(i + 1, 2 * old);
    this.contribution = grown(this.contribution, cap);
    this.contribution.fill(INACTIVE, old);
    this.counted = grown(this.counted, 4 * cap);
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
