/**
 * Per-instance reserved share over time, for the report's packing heatmap (one chosen seed per strategy;
 * packing-grid.ts turns it into the bounded grid results.json carries).
 *
 * It subscribes to Cluster.onChange, which fires on every reserve, release, launch and status change, so it
 * sees every change of every instance without the engine calling it. Between two changes of an instance
 * its reserved CPU and memory are constant: the recorder integrates them exactly, as share x seconds, into
 * fixed time bins (bins of equal width over [0, horizon]). An instance is present from the instant it is
 * added until it is gone (terminated, lost); Fargate capacity (status Dedicated, one task each) is not a
 * container instance of the cluster and is left out. A run that does not ask for the heatmap never builds
 * one, and pays nothing.
 *
 * Memory: two float64 per (instance, bin), 16 x bins bytes per instance the run ever launched.
 */
import { grown } from "../core/growable.ts";
import { type Cluster, InstanceStatus } from "../model/cluster.ts";

/** What packing-grid.ts reads for each instance. */
export interface InstancePacking {
  /** Instance index in the cluster (launch order). */
  index: number;
  /** When the instance was added and when it went away (the horizon if it never did). */
  from: number;
  until: number;
  regCpu: number;
  regMemory: number;
  /** Share x seconds of its registered CPU / memory reserved in each bin (length: bins). */
  cpuArea: Float64Array;
  memoryArea: Float64Array;
}

const FARGATE = 2;
const GONE = 1;

export class PackingRecorder {
  readonly width: number;
  private n = 0;
  private last = new Float64Array(16);
  private from = new Float64Array(16);
  private until = new Float64Array(16);
  private cpuShare = new Float64Array(16);
  private memoryShare = new Float64Array(16);
  /** 0 present, GONE, or FARGATE (left out). */
  private ended = new Uint8Array(16);
  private cpuArea = new Float64Array(0);
  private memoryArea = new Float64Array(0);

  constructor(
    private readonly cluster: Cluster,
    /** The simulated time of the event being handled. */
    private readonly now: () => number,
    readonly horizon: number,
    readonly bins: number,
  ) {
    if (!(bins >= 1) || !Number.isInteger(bins)) throw new RangeError(`bins must be a positive integer`);
    this.width = horizon > 0 ? horizon / bins : 1;
    this.cpuArea = new Float64Array(16 * bins);
    this.memoryArea = new Float64Array(16 * bins);
    cluster.onChange.push((i) => this.changed(i));
  }

  /** Instance i changed (or was added) at the current time. */
  changed(i: number): void {
    const t = Math.min(this.now(), this.horizon);
    if (i >= this.n) this.add(i, t);
    if (this.ended[i] !== 0) return;
    this.integrate(i, t);
    const c = this.cluster;
    const status = c.status[i]!;
    if (status === InstanceStatus.Dedicated) {
      this.ended[i] = FARGATE;
      return;
    }
    if (status === InstanceStatus.Gone) {
      this.ended[i] = GONE;
      this.until[i] = t;
      return;
    }
    const cpu = c.regCpu[i]!;
    const memory = c.regMemory[i]!;
    this.cpuShare[i] = cpu > 0 ? (cpu - c.freeCpu[i]!) / cpu : 0;
    this.memoryShare[i] = memory > 0 ? (memory - c.freeMemory[i]!) / memory : 0;
  }

  /** Closes every instance still present at the horizon. */
  finish(): void {
    for (let i = 0; i < this.n; i++) if (this.ended[i] === 0) this.integrate(i, this.horizon);
  }

  /** The instances the heatmap shows (present for some time, not Fargate), in launch order. */
  instances(): InstancePacking[] {
    const c = this.cluster;
    const out: InstancePacking[] = [];
    const b = this.bins;
    for (let i = 0; i < this.n; i++) {
      if (this.ended[i] === FARGATE || !(this.until[i]! > this.from[i]!)) continue;
      out.push({
        index: i,
        from: this.from[i]!,
        until: this.until[i]!,
        regCpu: c.regCpu[i]!,
        regMemory: c.regMemory[i]!,
        cpuArea: this.cpuArea.subarray(i * b, (i + 1) * b),
        memoryArea: this.memoryArea.subarray(i * b, (i + 1) * b),
      });
    }
    return out;
  }

  private add(i: number, t: number): void {
    while (i >= this.last.length) this.grow();
    // Instances are added one at a time in index order; any skipped index starts absent.
    for (let k = this.n; k <= i; k++) {
      this.last[k] = this.from[k] = t;
      this.until[k] = this.horizon;
    }
    this.n = i + 1;
  }

  /** Adds instance i's current shares over [last, t) into the bins they cross. */
  private integrate(i: number, t: number): void {
    let a = this.last[i]!;
    if (!(t > a)) return;
    this.last[i] = t;
    const cpu = this.cpuShare[i]!;
    const memory = this.memoryShare[i]!;
    if (cpu === 0 && memory === 0) return;
    const w = this.width;
    const base = i * this.bins;
    let b = Math.min(Math.floor(a / w), this.bins - 1);
    for (;;) {
      const end = b === this.bins - 1 ? t : Math.min(t, (b + 1) * w);
      const dt = end - a;
      if (dt > 0) {
        this.cpuArea[base + b]! += cpu * dt;
        this.memoryArea[base + b]! += memory * dt;
      }
      if (end >= t) return;
      a = end;
      b++;
    }
  }

  private grow(): void {
    const cap = this.last.length * 2;
    this.last = grown(this.last, cap);
    this.from = grown(this.from, cap);
    this.until = grown(this.until, cap);
    this.cpuShare = grown(this.cpuShare, cap);
    this.memoryShare = grown(this.memoryShare, cap);
    this.ended = grown(this.ended, cap);
    this.cpuArea = grown(this.cpuArea, cap * this.bins);
    this.memoryArea = grown(this.memoryArea, cap * this.bins);
  }
}
