/**
 * Accumulates one run's metrics as the simulation advances.
 *
 * Time-weighted figures are exact integrals of piecewise-constant state: before the clock moves from t0 to
 * t1, every running total is multiplied by (t1 - t0), clipped to the measured window [warmup, horizon].
 * Series and stranded capacity are sampled on a fixed grid (every `sampleEvery` seconds from 0).
 * Per event this costs O(1) plus any samples the step crosses.
 */
import { Float64Buffer } from "../core/growable.ts";
import type { Cluster, PlacementShape } from "../model/cluster.ts";
import { strandedCapacity } from "./fragmentation.ts";
import { summarize } from "./percentiles.ts";
import type { RunMetrics, RunSeries } from "./run-metrics.ts";

export class Recorder {
  // Current state (totals over ACTIVE instances).
  private reservedCpu = 0;
  private reservedMemory = 0;
  private registeredCpu = 0;
  private registeredMemory = 0;
  private inUseCpu = 0;
  private inUseMemory = 0;
  private instances = 0;
  private instancesInUse = 0;
  private dollarsPerSecond = 0;
  pending = 0;
  running = 0;

  // Integrals over the measured window.
  private last = 0;
  private areaReservedCpu = 0;
  private areaReservedMemory = 0;
  private areaRegisteredCpu = 0;
  private areaRegisteredMemory = 0;
  private areaInUseCpu = 0;
  private areaInUseMemory = 0;
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
  readonly failureReasons = new Map<string, number>();
  private readonly delays = new Float64Buffer(4096);

  private sampleIndex = 0;
  private nextSample = 0;
  readonly series: RunSeries = {
    t: [],
    cpu: [],
    memory: [],
    pending: [],
    running: [],
    instancesInUse: [],
    strandedCpu: [],
    strandedMemory: [],
  };

  constructor(
    private readonly cluster: Cluster,
    private readonly shapes: PlacementShape[],
    private readonly warmup: number,
    private readonly horizon: number,
    private readonly sampleEvery: number,
  ) {}

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
      this.areaReservedCpu += this.reservedCpu * dt;
      this.areaReservedMemory += this.reservedMemory * dt;
      this.areaRegisteredCpu += this.registeredCpu * dt;
      this.areaRegisteredMemory += this.registeredMemory * dt;
      this.areaInUseCpu += this.inUseCpu * dt;
      this.areaInUseMemory += this.inUseMemory * dt;
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

  instanceAdded(i: number, pricePerHour: number): void {
    this.registeredCpu += this.cluster.regCpu[i]!;
    this.registeredMemory += this.cluster.regMemory[i]!;
    this.instances++;
    this.dollarsPerSecond += pricePerHour / 3600;
    if (this.instances > this.peakInstances) this.peakInstances = this.instances;
  }

  /** Call when instance i leaves the cluster, after its tasks were stopped. */
  instanceRemoved(i: number, pricePerHour: number): void {
    this.registeredCpu -= this.cluster.regCpu[i]!;
    this.registeredMemory -= this.cluster.regMemory[i]!;
    this.instances--;
    this.dollarsPerSecond -= pricePerHour / 3600;
  }

  /** Call after the cluster reserved the shape on instance i. */
  taskStarted(shape: PlacementShape, i: number, delay: number, submittedAt: number): void {
    this.reservedCpu += shape.cpu;
    this.reservedMemory += shape.memory;
    this.running++;
    this.placed++;
    if (submittedAt >= this.warmup) this.delays.push(delay);
    if (this.cluster.runningTasks[i] === 1) {
      this.instancesInUse++;
      this.inUseCpu += this.cluster.regCpu[i]!;
      this.inUseMemory += this.cluster.regMemory[i]!;
      if (this.instancesInUse > this.peakInUse) this.peakInUse = this.instancesInUse;
    }
  }

  /** Call after the cluster released the shape from instance i; `completed` false for failures and kills. */
  taskStopped(shape: PlacementShape, i: number, completed = true): void {
    this.reservedCpu -= shape.cpu;
    this.reservedMemory -= shape.memory;
    this.running--;
    if (completed) this.completed++;
    if (this.cluster.runningTasks[i] === 0) {
      this.instancesInUse--;
      this.inUseCpu -= this.cluster.regCpu[i]!;
      this.inUseMemory -= this.cluster.regMemory[i]!;
    }
  }

  placementFailed(reason: string): void {
    this.failedPlacement++;
    this.failureReasons.set(reason, (this.failureReasons.get(reason) ?? 0) + 1);
  }

  metrics(): RunMetrics {
    const window = this.horizon - this.warmup;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
    const delays = this.sortedDelays();
    const s = this.series;
    const measured = s.t.map((t) => t >= this.warmup);
    const meanMeasured = (values: number[]) => {
      let total = 0;
      let n = 0;
      values.forEach((v, k) => {
        if (measured[k]) {
          total += v;
          n++;
        }
      });
      return n > 0 ? total / n : 0;
    };
    return {
      tasks: {
        submitted: this.submitted,
        placed: this.placed,
        failedPlacement: this.failedPlacement,
        pendingAtEnd: this.pending,
        completed: this.completed,
      },
      failureReasons: Object.fromEntries([...this.failureReasons].sort(([a], [b]) => (a < b ? -1 : 1))),
      placementDelay: summarize(delays.slice()),
      utilization: {
        cpu: ratio(this.areaReservedCpu, this.areaRegisteredCpu),
        memory: ratio(this.areaReservedMemory, this.areaRegisteredMemory),
        cpuInUse: ratio(this.areaReservedCpu, this.areaInUseCpu),
        memoryInUse: ratio(this.areaReservedMemory, this.areaInUseMemory),
      },
      instances: { mean: ratio(this.areaInstances, window), peak: this.peakInstances },
      instancesInUse: { mean: ratio(this.areaInstancesInUse, window), peak: this.peakInUse },
      fragmentation: {
        strandedCpu: meanMeasured(s.strandedCpu),
        strandedMemory: meanMeasured(s.strandedMemory),
      },
      cost: { instanceHours: this.areaInstances / 3600, dollars: this.dollars },
    };
  }

  /** Placement delays of measured tasks, ascending. */
  sortedDelays(): Float64Array {
    this.sorted ??= this.delays.toArray().sort();
    return this.sorted;
  }
  private sorted: Float64Array | undefined;

  private sample(t: number): void {
    const s = this.series;
    const stranded = strandedCapacity(this.cluster, this.shapes);
    s.t.push(t);
    s.cpu.push(this.registeredCpu > 0 ? this.reservedCpu / this.registeredCpu : 0);
    s.memory.push(this.registeredMemory > 0 ? this.reservedMemory / this.registeredMemory : 0);
    s.pending.push(this.pending);
    s.running.push(this.running);
    s.instancesInUse.push(this.instancesInUse);
    s.strandedCpu.push(stranded.cpu);
    s.strandedMemory.push(stranded.memory);
  }
}
