/**
 * Accumulates one run's metrics as the simulation advances.
 *
 * Time-weighted figures are exact integrals of piecewise-constant state: before the clock moves from t0 to
 * t1, every running total is multiplied by (t1 - t0), clipped to the measured window [warmup, horizon].
 * Series, stranded capacity and packing efficiency are sampled on a fixed grid (every `sampleEvery` seconds
 * from 0); a sample shows the state after every event at its time. Per-metric computations live in their own
 * files (utilization, stranded-by-cause, fragmentation-pending, packing-efficiency); see docs/metrics.md.
 * Per event this costs O(1) plus any samples the step crosses.
 */
import { Float64Buffer } from "../core/growable.ts";
import type { Cluster, PlacementShape } from "../model/cluster.ts";
import { type DelaySample, sortPositive, summarizeDelays } from "./delay-sample.ts";
import { FragmentationPending } from "./fragmentation-pending.ts";
import { PackingBound, packingEfficiency } from "./packing-efficiency.ts";
import type { RunMetrics, RunSeries } from "./run-metrics.ts";
import { STRANDED_FIELDS, StrandedTracker, strandedFromFlat } from "./stranded-by-cause.ts";
import { UtilizationTracker } from "./utilization.ts";

export class Recorder {
  // Current state (totals over ACTIVE instances).
  private readonly utilization: UtilizationTracker;
  private readonly fragmentationPending: FragmentationPending;
  private readonly packing: PackingBound;
  private readonly runningByShape: Int32Array;
  private instances = 0;
  private instancesInUse = 0;
  private dollarsPerSecond = 0;
  /** Tasks waiting for placement; changed only through taskQueued/taskDequeued (per-shape counts). */
  get pending(): number {
    return this.fragmentationPending.total;
  }
  running = 0;

  // Integrals over the measured window.
  private last = 0;
  private areaPending = 0;
  private areaRunning = 0;
  private areaInstances = 0;
  private areaInstancesInUse = 0;
  private dollars = 0;
  private peakInstances = 0;
  private peakInUse = 0;

  // Counts.
  submitted = 0;
  placed = 0;
  completed = 0;
  failedPlacement = 0;
  /** Running tasks stopped before completing (taskStopped with completed = false). */
  stoppedByFailure = 0;
  /** Set by the dynamics: stopped tasks that nothing replaced. */
  lost = 0;
  cancelled = 0;
  readonly failureReasons = new Map<string, number>();
  readonly waitReasons = new Map<string, number>();
  /** Measured placement delays: the zeros counted, the others kept (delay-sample.ts). */
  private zeroDelays = 0;
  private readonly delays = new Float64Buffer(4096);

  // Sums over measured samples (stranded capacity, packing efficiency).
  private readonly strandedSum = new Float64Array(STRANDED_FIELDS);
  private readonly strandedSample = new Float64Array(STRANDED_FIELDS);
  /** Stranded capacity kept per changed instance (stranded-by-cause.ts), sampled on the grid. */
  private readonly stranded: StrandedTracker;
  private strandedSamples = 0;
  private packingSum = 0;
  private packingSamples = 0;

  private sampleIndex = 0;
  private nextSample = 0;
  readonly series: RunSeries = {
    t: [],
    cpu: [],
    memory: [],
    pending: [],
    running: [],
    instancesInUse: [],
    lowerBound: [],
    strandedCpu: [],
    strandedMemory: [],
  };

  constructor(
    private readonly cluster: Cluster,
    shapes: PlacementShape[],
    private readonly warmup: number,
    private readonly horizon: number,
    private readonly sampleEvery: number,
  ) {
    this.utilization = new UtilizationTracker(cluster);
    this.fragmentationPending = new FragmentationPending(shapes);
    this.packing = new PackingBound(cluster, shapes);
    this.runningByShape = new Int32Array(shapes.length);
    this.stranded = new StrandedTracker(cluster, shapes);
  }

  /** Moves the clock to t (t >= the previous time), integrating and sampling on the way. */
  advance(t: number): void {
    while (this.nextSample < t && this.nextSample <= this.horizon) {
      this.sample(this.nextSample);
      this.nextSample = ++this.sampleIndex * this.sampleEvery;
    }
    const from = Math.max(this.last, this.warmup);
    const to = Math.min(t, this.horizon);
    if (to > from) {
      const dt = to - from;
      this.utilization.integrate(dt);
      this.fragmentationPending.integrate(dt, this.freeTotal);
      this.areaPending += this.pending * dt;
      this.areaRunning += this.running * dt;
      this.areaInstances += this.instances * dt;
      this.areaInstancesInUse += this.instancesInUse * dt;
      this.dollars += this.dollarsPerSecond * dt;
    }
    if (t > this.last) this.last = t;
  }

  /** Closes the run at the horizon (takes the last sample if the grid lands on it). */
  finish(): void {
    this.advance(this.horizon);
    if (this.nextSample <= this.horizon) this.sample(this.nextSample);
  }

  private readonly freeTotal = (r: number) => this.utilization.free(r);

  instanceAdded(i: number, pricePerHour: number): void {
    this.utilization.instanceAdded(i);
    this.instances++;
    this.dollarsPerSecond += pricePerHour / 3600;
    if (this.instances > this.peakInstances) this.peakInstances = this.instances;
  }

  /** Call when instance i stops counting as capacity (after its tasks were stopped with taskStopped). */
  instanceRemoved(i: number, pricePerHour: number): void {
    this.utilization.instanceRemoved(i);
    this.instances--;
    this.dollarsPerSecond -= pricePerHour / 3600;
  }

  /** Call after the cluster reserved the shape on instance i. */
  taskStarted(shape: PlacementShape, i: number, delay: number, submittedAt: number): void {
    this.utilization.taskStarted(shape, i);
    this.runningByShape[shape.index]!++;
    this.running++;
    this.placed++;
    if (submittedAt >= this.warmup) {
      if (delay === 0) this.zeroDelays++;
      else this.delays.push(delay);
    }
    if (this.cluster.runningTasks[i] === 1) {
      this.instancesInUse++;
      if (this.instancesInUse > this.peakInUse) this.peakInUse = this.instancesInUse;
    }
  }

  /** Call after the cluster released the shape from instance i; `completed` false for failures and kills. */
  taskStopped(shape: PlacementShape, i: number, completed = true): void {
    this.utilization.taskStopped(shape, i);
    this.runningByShape[shape.index]!--;
    this.running--;
    if (completed) this.completed++;
    else this.stoppedByFailure++;
    if (this.cluster.runningTasks[i] === 0) this.instancesInUse--;
  }

  /** A task joins the pending queue (pending: queue). */
  taskQueued(shape: PlacementShape): void {
    this.fragmentationPending.queued(shape);
  }

  /** A pending task leaves the queue to be placed; call before taskStarted. */
  taskDequeued(shape: PlacementShape): void {
    this.fragmentationPending.dequeued(shape);
  }

  /** A pending task is withdrawn without being placed (its service scaled in, for example). */
  taskCancelled(shape: PlacementShape): void {
    this.fragmentationPending.dequeued(shape);
    this.cancelled++;
  }

  /** A submitted task could not be placed at once and waits (pending: queue). */
  placementWaited(reason: string): void {
    this.waitReasons.set(reason, (this.waitReasons.get(reason) ?? 0) + 1);
  }

  /** Instances holding at least one task now. */
  get instancesInUseNow(): number {
    return this.instancesInUse;
  }

  placementFailed(reason: string): void {
    this.failedPlacement++;
    this.failureReasons.set(reason, (this.failureReasons.get(reason) ?? 0) + 1);
  }

  metrics(): RunMetrics {
    const window = this.horizon - this.warmup;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
    const fp = this.fragmentationPending;
    const stranded = strandedFromFlat(this.strandedSum.map((v) => ratio(v, this.strandedSamples)));
    return {
      tasks: {
        submitted: this.submitted,
        placed: this.placed,
        failedPlacement: this.failedPlacement,
        cancelled: this.cancelled,
        pendingAtEnd: this.pending,
        runningAtEnd: this.running,
        completed: this.completed,
        stoppedByFailure: this.stoppedByFailure,
        lost: this.lost,
      },
      failureReasons: Object.fromEntries([...this.failureReasons].sort(([a], [b]) => (a < b ? -1 : 1))),
      waitReasons: Object.fromEntries([...this.waitReasons].sort(([a], [b]) => (a < b ? -1 : 1))),
      placementDelay: summarizeDelays(this.delaySample()),
      utilization: this.utilization.result(),
      instances: { mean: ratio(this.areaInstances, window), peak: this.peakInstances },
      instancesInUse: { mean: ratio(this.areaInstancesInUse, window), peak: this.peakInUse },
      queue: { meanPending: ratio(this.areaPending, window), meanRunning: ratio(this.areaRunning, window) },
      fragmentation: {
        strandedCpu: stranded.cpu,
        strandedMemory: stranded.memory,
        strandedGpu: stranded.gpu,
        strandedEni: stranded.eni,
        strandedByCause: stranded.byCause,
        pendingTaskSeconds: fp.pendingTaskSeconds,
        inducedPendingTaskSeconds: fp.inducedTaskSeconds,
        inducedPendingShare: ratio(fp.inducedTaskSeconds, fp.pendingTaskSeconds),
        packingEfficiency: ratio(this.packingSum, this.packingSamples),
      },
      cost: { instanceHours: this.areaInstances / 3600, dollars: this.dollars },
    };
  }

  /** Placement delays of measured tasks (exact; zeros counted, the others ascending). */
  delaySample(): DelaySample {
    this.sample_ ??= { zeros: this.zeroDelays, positive: sortPositive(this.delays.toArray()) };
    return this.sample_;
  }
  private sample_: DelaySample | undefined;

  private sample(t: number): void {
    const s = this.series;
    const stranded = this.strandedSample;
    this.stranded.sample(stranded);
    const lowerBound = this.packing.lowerBound(this.runningByShape);
    s.t.push(t);
    s.cpu.push(this.utilization.current(0));
    s.memory.push(this.utilization.current(1));
    s.pending.push(this.pending);
    s.running.push(this.running);
    s.instancesInUse.push(this.instancesInUse);
    s.lowerBound.push(lowerBound);
    s.strandedCpu.push(stranded[0]!);
    s.strandedMemory.push(stranded[1]!);
    if (t < this.warmup) return;
    for (let k = 0; k < STRANDED_FIELDS; k++) this.strandedSum[k]! += stranded[k]!;
    this.strandedSamples++;
    const efficiency = packingEfficiency(this.instancesInUse, lowerBound);
    if (efficiency !== null) {
      this.packingSum += efficiency;
      this.packingSamples++;
    }
  }
}
