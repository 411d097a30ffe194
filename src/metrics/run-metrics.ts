/**
 * The metrics of one run (one strategy, one seed). Everything here is a pure function of the scenario,
 * seed and strategy: byte-identical across machines and repeats. Wall-clock figures live in RunTiming.
 * Every figure is defined with its formula in docs/metrics.md.
 */
import type { DynamicsMetrics } from "./dynamics-recorder.ts";
import type { Percentiles } from "./percentiles.ts";
import type { CauseShare, StrandCause } from "./stranded-by-cause.ts";
import type { Utilization } from "./utilization.ts";

export interface RunMetrics {
  tasks: {
    submitted: number;
    placed: number;
    failedPlacement: number;
    /** Pending tasks withdrawn before placement (taskCancelled). */
    cancelled: number;
    pendingAtEnd: number;
    runningAtEnd: number;
    completed: number;
    /** Running tasks stopped before completing: failures, interruptions, draining, scale-in, deployments. */
    stoppedByFailure: number;
    /** Tasks stopped by a failure that nothing replaced (standalone tasks). */
    lost: number;
  };
  /** Failed placements (pending: fail) by ECS-style reason, keys sorted. */
  failureReasons: Record<string, number>;
  /** Tasks that waited (pending: queue), by the reason their first placement attempt failed; keys sorted. */
  waitReasons: Record<string, number>;
  /** Simulated seconds from submission to RUNNING, over placed tasks submitted after warm-up. */
  placementDelay: Percentiles;
  /** Time-weighted reserved / registered, 0..1; *InUse over instances holding at least one task. */
  utilization: Utilization;
  instances: { mean: number; peak: number };
  instancesInUse: { mean: number; peak: number };
  /** Time-average number of pending and of running tasks over the measured window (Little's L). */
  queue: { meanPending: number; meanRunning: number };
  fragmentation: {
    /** Mean over measured samples of free capacity no task shape can use, 0..1 of registered. */
    strandedCpu: number;
    strandedMemory: number;
    strandedGpu: number;
    strandedEni: number;
    /** The same stranded cpu/memory split by the resource that binds on each stranding instance. */
    strandedByCause: Record<StrandCause, CauseShare>;
    /** Pending task-seconds in the measured window, and those while total free capacity would fit. */
    pendingTaskSeconds: number;
    inducedPendingTaskSeconds: number;
    inducedPendingShare: number;
    /** Mean over measured samples with running tasks of instancesInUse / packing lower bound (>= 1). */
    packingEfficiency: number;
  };
  cost: { instanceHours: number; dollars: number };
  /** Failures, losses, scaling and service availability; present when the scenario uses dynamics. */
  dynamics?: DynamicsMetrics;
}

/** Instantaneous values at each sample time (state after every event at that time). */
export interface RunSeries {
  t: number[];
  cpu: number[];
  memory: number[];
  pending: number[];
  running: number[];
  instancesInUse: number[];
  /** Lower bound on the instances the running tasks need (packing efficiency = instancesInUse / this). */
  lowerBound: number[];
  strandedCpu: number[];
  strandedMemory: number[];
}

export interface RunTiming {
  /** Wall-clock microseconds per placement decision of an arriving task. */
  decisionTimeUs: { mean: number; p50: number; p99: number };
  decisions: number;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  /**
   * Task-table slots the run allocated: every task submitted, or with slot recycling (runs without
   * dynamics) the most tasks alive at once. What the task table's memory is proportional to.
   */
  taskSlots: number;
}
