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
 * writes cells. An instance's running state is one 64-byte record (one cache line), and cells are stored
 * bin by bin, so the instances crossing a bin edge at about the same time write near each other.
 * Memory: two float64 per (instance, bin), 16 x bins bytes per instance the run launched.
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

/** The fields of an instance's running record (STRIDE float64 each). */
const LAST = 0; // when its reservation was last integrated
const BIN_END = 1; // the end of the bin LAST falls in
const CPU_ACC = 2; // reserved CPU units x seconds in that bin so far
const MEMORY_ACC = 3;
const CPU_HELD = 4; // reserved CPU units since its last change (registered minus free)
const MEMORY_HELD = 5;
const BIN = 6; // the bin LAST falls in
const ENDED = 7; // 0 present, GONE, or FARGATE (left out)
const STRIDE = 8;

/** What the recorder reads the simulated time from (the run's event queue). */
export interface SimulatedClock {
  readonly time: number;
}

export class PackingRecorder {
  readonly width: number;
  private n = 0;
  private capacity = 16;
  private state = new Float64Array(16 * STRIDE);
  /** When each instance appeared and went away (the horizon if it never did). */
  private from = new Float64Array(16);
  private until = new Float64Array(16);
  /** Reserved units x seconds per bin, then per instance: cpuArea[b][i]. */
  private readonly cpuArea: Float64Array[];
  private readonly memoryArea: Float64Array[];

  constructor(
    private readonly cluster: Cluster,
    /** The simulated time of the event being handled (the event queue's time). */
    private readonly clock: SimulatedClock,
    readonly horizon: number,
    readonly bins: number,
  ) {
    if (!(bins >= 1) || !Number.isInteger(bins)) throw new RangeError("bins must be a positive integer");
    this.width = horizon > 0 ? horizon / bins : 1;
    this.cpuArea = Array.from({ length: bins }, () => new Float64Array(16));
    this.memoryArea = Array.from({ length: bins }, () => new Float64Array(16));
    cluster.onChange.push((i) => this.changed(i));
  }

  /** Instance i changed (or was added) at the current time: O(1) unless it crossed bin edges since. */
  changed(i: number): void {
    const t = this.clock.time;
    if (i >= this.n) this.add(i, t);
    const s = this.state;
    const r = i * STRIDE;
    if (s[r + ENDED] !== 0) return;
    const a = s[r + LAST]!;
    if (t > a) {
      if (t <= s[r + BIN_END]!) {
        const dt = t - a;
        s[r + CPU_ACC]! += s[r + CPU_HELD]! * dt;
        s[r + MEMORY_ACC]! += s[r + MEMORY_HELD]! * dt;
      } else {
        this.cross(r, i, a, t);
      }
      s[r + LAST] = t;
    }
    const c = this.cluster;
    const status = c.status[i]!;
    if (status === InstanceStatus.Gone || status === InstanceStatus.Dedicated) {
      s[r + ENDED] = status === InstanceStatus.Gone ? GONE : FARGATE;
      this.flush(r, i);
      if (status === InstanceStatus.Gone) this.until[i] = t;
      return;
    }
    s[r + CPU_HELD] = c.regCpu[i]! - c.freeCpu[i]!;
    s[r + MEMORY_HELD] = c.regMemory[i]! - c.freeMemory[i]!;
  }

  /** Closes every instance still present at the horizon. */
  finish(): void {
    const h = this.horizon;
    const s = this.state;
    for (let i = 0; i < this.n; i++) {
      const r = i * STRIDE;
      if (s[r + ENDED] !== 0) continue;
      if (h > s[r + LAST]!) this.cross(r, i, s[r + LAST]!, h);
      s[r + LAST] = h;
      this.flush(r, i);
    }
  }

  /** The instances the heatmap shows (present for some time, not Fargate), in launch order. */
  instances(): InstancePacking[] {
    const c = this.cluster;
    const out: InstancePacking[] = [];
    for (let i = 0; i < this.n; i++) {
      if (this.state[i * STRIDE + ENDED] === FARGATE || !(this.until[i]! > this.from[i]!)) continue;
      const regCpu = c.regCpu[i]!;
      const regMemory = c.regMemory[i]!;
      const cpuArea = new Float64Array(this.bins);
      const memoryArea = new Float64Array(this.bins);
      for (let b = 0; b < this.bins; b++) {
        if (regCpu > 0) cpuArea[b] = this.cpuArea[b]![i]! / regCpu;
        if (regMemory > 0) memoryArea[b] = this.memoryArea[b]![i]! / regMemory;
      }
      out.push({
        index: i,
        from: this.from[i]!,
        until: this.until[i]!,
        regCpu,
        regMemory,
        cpuArea,
        memoryArea,
      });
    }
    return out;
  }

  private add(i: number, t: number): void {
    while (i >= this.capacity) this.grow();
    // Instances are added one at a time in index order; any skipped index starts absent.
    for (let k = this.n; k <= i; k++) {
      const r = k * STRIDE;
      const b = Math.min(Math.floor(t / this.width), this.bins - 1);
      this.state[r + LAST] = this.from[k] = t;
      this.until[k] = this.horizon;
      this.state[r + BIN] = b;
      this.state[r + BIN_END] = this.edge(b);
    }
    this.n = i + 1;
  }

  /** The end of bin b (the last bin ends never: nothing happens after the horizon). */
  private edge(b: number): number {
    return b === this.bins - 1 ? Number.POSITIVE_INFINITY : (b + 1) * this.width;
  }

  /** Integrates the instance at record r from a to t (t past its current bin's end), bin by bin. */
  private cross(r: number, i: number, a: number, t: number): void {
    const s = this.state;
    const cpu = s[r + CPU_HELD]!;
    const memory = s[r + MEMORY_HELD]!;
    let end = s[r + BIN_END]!;
    while (t > end) {
      s[r + CPU_ACC]! += cpu * (end - a);
      s[r + MEMORY_ACC]! += memory * (end - a);
      this.flush(r, i);
      a = end;
      const b = s[r + BIN]! + 1;
      end = this.edge(b);
      s[r + BIN] = b;
      s[r + BIN_END] = end;
    }
    s[r + CPU_ACC]! += cpu * (t - a);
    s[r + MEMORY_ACC]! += memory * (t - a);
  }

  /** Moves the running sums of the instance at record r into its current bin's cell. */
  private flush(r: number, i: number): void {
    const s = this.state;
    const b = s[r + BIN]!;
    this.cpuArea[b]![i]! += s[r + CPU_ACC]!;
    this.memoryArea[b]![i]! += s[r + MEMORY_ACC]!;
    s[r + CPU_ACC] = 0;
    s[r + MEMORY_ACC] = 0;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    this.capacity = cap;
    this.state = grown(this.state, cap * STRIDE);
    this.from = grown(this.from, cap);
    this.until = grown(this.until, cap);
    for (let b = 0; b < this.bins; b++) {
      this.cpuArea[b] = grown(this.cpuArea[b]!, cap);
      this.memoryArea[b] = grown(this.memoryArea[b]!, cap);
    }
  }
}
