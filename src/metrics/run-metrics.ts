/**
 * The metrics of one run (one strategy, one seed). Everything here is a pure function of the scenario,
 * seed and strategy: byte-identical across machines and repeats. Wall-clock figures live in RunTiming.
 */
import type { DynamicsMetrics } from "./dynamics-recorder.ts";
import type { Percentiles } from "./percentiles.ts";

export interface RunMetrics {
  tasks: {
    submitted: number;
    placed: number;
    failedPlacement: number;
    pendingAtEnd: number;
    completed: number;
  };
  /** Failed placements (pending: fail) by ECS-style reason, keys sorted. */
  failureReasons: Record<string, number>;
  /** Simulated seconds from submission to RUNNING, over placed tasks submitted after warm-up. */
  placementDelay: Percentiles;
  /** Time-weighted reserved / registered, 0..1; *InUse over instances holding at least one task. */
  utilization: { cpu: number; memory: number; cpuInUse: number; memoryInUse: number };
  instances: { mean: number; peak: number };
  instancesInUse: { mean: number; peak: number };
  /** Mean over samples of free capacity no task shape of the scenario can use, 0..1 of registered. */
  fragmentation: { strandedCpu: number; strandedMemory: number };
  cost: { instanceHours: number; dollars: number };
  /** Failures, losses, scaling and service availability; present when the scenario uses dynamics. */
  dynamics?: DynamicsMetrics;
}

/** Instantaneous values at each sample time (state just before any event at that time). */
export interface RunSeries {
  t: number[];
  cpu: number[];
  memory: number[];
  pending: number[];
  running: number[];
  instancesInUse: number[];
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
}
