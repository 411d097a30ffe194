/**
 * Time-weighted utilization per resource (cpu, memory, gpu, ENIs), cluster-wide and over the instances that
 * hold at least one task.
 *
 *   utilization[r]      = integral reserved_r(t) dt / integral registered_r(t) dt
 *   utilizationInUse[r] = integral reserved_r(t) dt / integral registeredOnInstancesInUse_r(t) dt
 *
 * Totals are over ACTIVE instances and change only at task start/stop and instance add/remove, so the
 * integrals are exact (the caller integrates over the measured window, warm-up excluded). A resource the
 * cluster never registers (no GPUs) has utilization 0.
 */
import type { Cluster, PlacementShape } from "../model/cluster.ts";

export const RESOURCES = ["cpu", "memory", "gpu", "eni"] as const;
export type Resource = (typeof RESOURCES)[number];

const CPU = 0;
const MEMORY = 1;
const GPU = 2;
const ENI = 3;

export interface Utilization {
  cpu: number;
  memory: number;
  gpu: number;
  eni: number;
  cpuInUse: number;
  memoryInUse: number;
  gpuInUse: number;
  eniInUse: number;
}

export class UtilizationTracker {
  /** Current totals, indexed by resource (cpu, memory, gpu, eni). */
  readonly reserved = new Float64Array(4);
  readonly registered = new Float64Array(4);
  readonly registeredInUse = new Float64Array(4);
  private readonly areaReserved = new Float64Array(4);
  private readonly areaRegistered = new Float64Array(4);
  private readonly areaInUse = new Float64Array(4);

  constructor(private readonly cluster: Cluster) {}

  instanceAdded(i: number): void {
    this.addRegistered(this.registered, i, 1);
  }

  /** Call when instance i leaves the ACTIVE set (it must hold no tasks by then, or call taskStopped first). */
  instanceRemoved(i: number): void {
    this.addRegistered(this.registered, i, -1);
  }

  /** Call after the cluster reserved the shape on instance i. */
  taskStarted(shape: PlacementShape, i: number): void {
    this.addShape(shape, 1);
    if (this.cluster.runningTasks[i] === 1) this.addRegistered(this.registeredInUse, i, 1);
  }

  /** Call after the cluster released the shape from instance i. */
  taskStopped(shape: PlacementShape, i: number): void {
    this.addShape(shape, -1);
    if (this.cluster.runningTasks[i] === 0) this.addRegistered(this.registeredInUse, i, -1);
  }

  /** Adds dt seconds of the current state to the integrals. */
  integrate(dt: number): void {
    for (let r = 0; r < 4; r++) {
      this.areaReserved[r]! += this.reserved[r]! * dt;
      this.areaRegistered[r]! += this.registered[r]! * dt;
      this.areaInUse[r]! += this.registeredInUse[r]! * dt;
    }
  }

  /** Current reserved / registered of resource r (0 when nothing is registered). */
  current(r: number): number {
    const reg = this.registered[r]!;
    return reg > 0 ? this.reserved[r]! / reg : 0;
  }

  /** Current free capacity of resource r summed over ACTIVE instances. */
  free(r: number): number {
    return this.registered[r]! - this.reserved[r]!;
  }

  result(): Utilization {
    const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
    const [rc, rm, rg, re] = this.areaReserved;
    const [gc, gm, gg, ge] = this.areaRegistered;
    const [uc, um, ug, ue] = this.areaInUse;
    return {
      cpu: ratio(rc!, gc!),
      memory: ratio(rm!, gm!),
      gpu: ratio(rg!, gg!),
      eni: ratio(re!, ge!),
      cpuInUse: ratio(rc!, uc!),
      memoryInUse: ratio(rm!, um!),
      gpuInUse: ratio(rg!, ug!),
      eniInUse: ratio(re!, ue!),
    };
  }

  private addShape(shape: PlacementShape, sign: number): void {
    this.reserved[CPU]! += sign * shape.cpu;
    this.reserved[MEMORY]! += sign * shape.memory;
    this.reserved[GPU]! += sign * shape.gpu;
    this.reserved[ENI]! += sign * shape.eni;
  }

  private addRegistered(into: Float64Array, i: number, sign: number): void {
    const c = this.cluster;
    into[CPU]! += sign * c.regCpu[i]!;
    into[MEMORY]! += sign * c.regMemory[i]!;
    into[GPU]! += sign * c.regGpu[i]!;
    into[ENI]! += sign * c.regEni[i]!;
  }
}

export const RESOURCE_INDEX = { cpu: CPU, memory: MEMORY, gpu: GPU, eni: ENI } as const;
