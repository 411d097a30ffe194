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
 * Per change it costs O(1): the current bin's running sums take the interval, and only crossing a bin edge
 * writes cells. Memory: two float64 per (instance, bin), 16 x bins bytes per instance the run launched.
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

/** What the recorder reads the simulated time from (the run's event queue). */
export interface SimulatedClock {
  readonly time: number;
}

export class PackingRecorder {
  readonly width: number;
  private n = 0;
  /** Per instance: when its reservation was last integrated, when it appeared and went away. */
  private last = new Float64Array(16);
  private from = new Float64Array(16);
  private until = new Float64Array(16);
  /** Reserved CPU units and MiB since the instance's last change (registered minus free). */
  private cpuHeld = new Float64Array(16);
  private memoryHeld = new Float64Array(16);
  /** The bin `last` falls in, where it ends, and what the instance accumulated in it so far. */
  private bin = new Int32Array(16);
  private binEnd = new Float64Array(16);
  private cpuAcc = new Float64Array(16);
  private memoryAcc = new Float64Array(16);
  /** 0 present, GONE, or FARGATE (left out). */
  private ended = new Uint8Array(16);
  /** Reserved units x seconds per (instance, bin), for the bins an instance has left. */
  private cpuArea: Float64Array;
  private memoryArea: Float64Array;

  constructor(
    private readonly cluster: Cluster,
    /** The simulated time of the event being handled (the event queue's time). */
    private readonly clock: SimulatedClock,
    readonly horizon: number,
    readonly bins: number,
  ) {
    if (!(bins >= 1) || !Number.isInteger(bins)) throw new RangeError("bins must be a positive integer");
    this.width = horizon > 0 ? horizon / bins : 1;
    this.cpuArea = new Float64Array(16 * bins);
    this.memoryArea = new Float64Array(16 * bins);
    cluster.onChange.push((i) => this.changed(i));
  }

  /** Instance i changed (or was added) at the current time: O(1) unless it crossed bin edges since. */
  changed(i: number): void {
    const t = this.clock.time;
    if (i >= this.n) this.add(i, t);
    if (this.ended[i] !== 0) return;
    const a = this.last[i]!;
    if (t > a) {
      if (t <= this.binEnd[i]!) {
        const dt = t - a;
        this.cpuAcc[i]! += this.cpuHeld[i]! * dt;
        this.memoryAcc[i]! += this.memoryHeld[i]! * dt;
      } else {
        this.cross(i, a, t);
      }
      this.last[i] = t;
    }
    const c = this.cluster;
    const status = c.status[i]!;
    if (status === InstanceStatus.Gone || status === InstanceStatus.Dedicated) {
      this.end(i, status === InstanceStatus.Gone ? GONE : FARGATE, t);
      return;
    }
    this.cpuHeld[i] = c.regCpu[i]! - c.freeCpu[i]!;
    this.memoryHeld[i] = c.regMemory[i]! - c.freeMemory[i]!;
  }

  /** Closes every instance still present at the horizon. */
  finish(): void {
    const h = this.horizon;
    for (let i = 0; i < this.n; i++) {
      if (this.ended[i] !== 0) continue;
      if (h > this.last[i]!) this.cross(i, this.last[i]!, h);
      this.last[i] = h;
      this.flush(i);
    }
  }

  /** The instances the heatmap shows (present for some time, not Fargate), in launch order. */
  instances(): InstancePacking[] {
    const c = this.cluster;
    const out: InstancePacking[] = [];
    const b = this.bins;
    for (let i = 0; i < this.n; i++) {
      if (this.ended[i] === FARGATE || !(this.until[i]! > this.from[i]!)) continue;
      const regCpu = c.regCpu[i]!;
      const regMemory = c.regMemory[i]!;
      const share = (area: Float64Array, reg: number) =>
        Float64Array.from(area.subarray(i * b, (i + 1) * b), (v) => (reg > 0 ? v / reg : 0));
      out.push({
        index: i,
        from: this.from[i]!,
        until: this.until[i]!,
        regCpu,
        regMemory,
        cpuArea: share(this.cpuArea, regCpu),
        memoryArea: share(this.memoryArea, regMemory),
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
      const b = Math.min(Math.floor(t / this.width), this.bins - 1);
      this.bin[k] = b;
      this.binEnd[k] = this.edge(b);
    }
    this.n = i + 1;
  }

  /** The end of bin b (the last bin ends never: nothing happens after the horizon). */
  private edge(b: number): number {
    return b === this.bins - 1 ? Number.POSITIVE_INFINITY : (b + 1) * this.width;
  }

  /** Integrates instance i from a to t (t past its current bin's end), bin by bin. */
  private cross(i: number, a: number, t: number): void {
    const cpu = this.cpuHeld[i]!;
    const memory = this.memoryHeld[i]!;
    let b = this.bin[i]!;
    let end = this.binEnd[i]!;
    while (t > end) {
      this.cpuAcc[i]! += cpu * (end - a);
      this.memoryAcc[i]! += memory * (end - a);
      this.flush(i);
      a = end;
      b++;
      end = this.edge(b);
      this.bin[i] = b;
      this.binEnd[i] = end;
    }
    this.cpuAcc[i]! += cpu * (t - a);
    this.memoryAcc[i]! += memory * (t - a);
  }

  /** Moves instance i's accumulators into its current bin's cell. */
  private flush(i: number): void {
    const k = i * this.bins + this.bin[i]!;
    this.cpuArea[k]! += this.cpuAcc[i]!;
    this.memoryArea[k]! += this.memoryAcc[i]!;
    this.cpuAcc[i] = 0;
    this.memoryAcc[i] = 0;
  }

  private end(i: number, how: number, t: number): void {
    this.ended[i] = how;
    this.flush(i);
    if (how === GONE) this.until[i] = t;
  }

  private grow(): void {
    const cap = this.last.length * 2;
    this.last = grown(this.last, cap);
    this.from = grown(this.from, cap);
    this.until = grown(this.until, cap);
    this.cpuHeld = grown(this.cpuHeld, cap);
    this.memoryHeld = grown(this.memoryHeld, cap);
    this.bin = grown(this.bin, cap);
    this.binEnd = grown(this.binEnd, cap);
    this.cpuAcc = grown(this.cpuAcc, cap);
    this.memoryAcc = grown(this.memoryAcc, cap);
    this.ended = grown(this.ended, cap);
    this.cpuArea = grown(this.cpuArea, cap * this.bins);
    this.memoryArea = grown(this.memoryArea, cap * this.bins);
  }
}
