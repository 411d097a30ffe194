/**
 * The tasks of one run, as parallel typed arrays indexed by an integer slot. Growing doubles the arrays; a
 * slot costs 58 bytes however many events touch it.
 *
 * A task's public id (t-000001 is 0, in submission order: what outputs, logs and errors show) is
 * `serial[slot]`. Without recycling, slot = id. With recycling on (`recycling`, set by the engine for runs
 * in which a stopped task can no longer be referenced by any event, list or queue), `free(slot)` returns a
 * stopped task's slot and the next `add` reuses it (last freed, first reused: deterministic), so memory is
 * bounded by the tasks alive at once rather than by every task ever submitted.
 */
import { grown } from "../core/growable.ts";
export enum TaskState {
  Pending = 1,
  Running = 2,
  Stopped = 3,
  /** Placed (resources reserved), not RUNNING yet: within its startup time, or a launch that will fail. */
  Provisioning = 4,
}

export enum StopReason {
  None = 0,
  /** The task's essential containers finished (its duration elapsed). */
  Completed = 1,
  /** pending: fail and no instance could take it. */
  PlacementFailed = 2,
  /** An essential container crashed. */
  ContainerFailed = 3,
  /** The launch never reached RUNNING. */
  StartFailed = 4,
  /** The instance failed or was terminated (tasks lost). */
  InstanceLost = 5,
  /** The spot instance was reclaimed at the end of its two-minute warning (tasks lost). */
  SpotReclaimed = 6,
  /** The service's desiredCount went down. */
  ScaledIn = 7,
  /** The service replaced the task because its instance is DRAINING. */
  Drained = 8,
  /** A rolling deployment replaced the task with the new task definition. */
  Deployment = 9,
  /** A pending service task was dropped before placement (desiredCount went down). */
  Cancelled = 10,
  /** AZ rebalancing stopped the task in an overloaded Availability Zone. */
  Rebalanced = 11,
  /** The strategy's rebalancer vacated the task's instance; the service moved the task elsewhere. */
  Moved = 12,
  /** A task move (a strategy's rebalance hook or az-balance): its replacement runs elsewhere. */
  TaskMoved = 13,
  /** The service replaced the task: an essential container failed its health checks (after the grace period). */
  Unhealthy = 14,
}

export const STOP_REASON_TEXT = [
  "",
  "Essential container in task exited",
  "Placement failed",
  "Essential container in task exited (container failure)",
  "Task failed to start",
  "Host EC2 instance terminated",
  "Spot instance interrupted",
  "Scaling activity initiated by deployment",
  "Container instance is DRAINING: task replaced",
  "Deployment: replaced by a new task definition",
  "Service scaled in before placement",
  "AZ rebalancing: stopped in an overloaded Availability Zone",
  "Rebalancing: moved off a vacated instance",
  "Rebalancing: task moved to another instance",
  "Task failed container health checks",
];

/** Stops that lose a task with its instance (counted as tasks lost). */
export function isLoss(reason: StopReason): boolean {
  return reason === StopReason.InstanceLost || reason === StopReason.SpotReclaimed;
}

export class TaskTable {
  /** Slots ever used (the high-water mark; with recycling, at most the peak of tasks alive at once). */
  count = 0;
  /** Tasks ever submitted: the next task's public id. */
  submitted = 0;
  /** Reuse freed slots (see the header). */
  recycling = false;
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  /** Public task id of each slot. */
  serial = new Int32Array(1024);
  shape = new Int32Array(1024);
  source = new Int32Array(1024);
  group = new Int32Array(1024);
  instance = new Int32Array(1024);
  state = new Uint8Array(1024);
  submittedAt = new Float64Array(1024);
  startedAt = new Float64Array(1024);
  duration = new Float64Array(1024);
  /** Service index, or -1 for a standalone task. */
  service = new Int32Array(1024);
  /** Capacity provider index, or -1 when placement may use any instance. */
  provider = new Int32Array(1024);
  /** n-th task of its source or service (keys per-task random draws). */
  ordinal = new Int32Array(1024);
  /** Placement class: tasks interchangeable for feasibility (set at first decision; see PendingQueue). */
  placementClass = new Int32Array(1024);
  /** Shared GPU slot the task holds on its instance (Cluster.reserve) plus 1; 0 for none. */
  gpuSlot = new Uint8Array(1024);

  add(shape: number, source: number, group: number, submittedAt: number, duration: number): number {
    let id: number;
    if (this.freeCount > 0) id = this.freeSlots[--this.freeCount]!;
    else {
      if (this.count === this.shape.length) this.grow();
      id = this.count++;
    }
    this.serial[id] = this.submitted++;
    this.shape[id] = shape;
    this.source[id] = source;
    this.group[id] = group;
    this.instance[id] = -1;
    this.state[id] = TaskState.Pending;
    this.submittedAt[id] = submittedAt;
    this.startedAt[id] = Number.NaN;
    this.duration[id] = duration;
    this.service[id] = -1;
    this.provider[id] = -1;
    this.ordinal[id] = 0;
    this.placementClass[id] = -1;
    this.gpuSlot[id] = 0;
    return id;
  }

  /** A stopped task's slot, for reuse when recycling (ignored otherwise). Nothing may refer to it after. */
  free(slot: number): void {
    if (!this.recycling) return;
    if (this.freeCount === this.freeSlots.length) this.freeSlots = grown(this.freeSlots, this.freeCount * 2);
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const cap = this.shape.length * 2;
    this.serial = grown(this.serial, cap);
    this.shape = grown(this.shape, cap);
    this.source = grown(this.source, cap);
    this.group = grown(this.group, cap);
    this.instance = grown(this.instance, cap);
    this.state = grown(this.state, cap);
    this.submittedAt = grown(this.submittedAt, cap);
    this.startedAt = grown(this.startedAt, cap);
    this.duration = grown(this.duration, cap);
    this.service = grown(this.service, cap);
    this.provider = grown(this.provider, cap);
    this.ordinal = grown(this.ordinal, cap);
    this.placementClass = grown(this.placementClass, cap);
    this.gpuSlot = grown(this.gpuSlot, cap);
  }
}

export function taskIdText(id: number): string {
  return `t-${String(id + 1).padStart(6, "0")}`;
}
