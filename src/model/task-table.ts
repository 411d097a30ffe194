/**
 * The tasks of one run: one 64-byte record per task in a single buffer, indexed by an integer slot.
 * Growing doubles the buffer; a slot costs 64 bytes however many events touch it.
 *
 * Why one record: the hot events touch a task at random (a task end picks one of ~200,000 running tasks),
 * so each field in its own array costs one cache miss per field read (state, shape, instance, group at a
 * stop) and per field written (all fourteen when add() reuses a slot). In one record they share a line:
 * one miss per task touched. Layout of slot s (float64 index 8s, int32 index 16s, byte 64s):
 *   float64 0-2: submittedAt, startedAt, duration;
 *   int32 6-14:  serial, shape, source, group, instance, service, provider, ordinal, placementClass;
 *   byte 60, 61: state, gpuSlot; byte 62: end flag (below).
 * Fields are read and written through the methods below (`state(id)`, `setState(id, s)`...).
 *
 * The task's end event lives in its record (END_EVENT_LAYOUT): when the engine queues a task's end
 * (TASK_END) for a far bucket, the event queue links it through this record (core/event-queue.ts,
 * "records"): float64 2 holds the end time, int32 0-1 the event's sequence number and the bucket's next
 * link, and the end flag turns 1 (linked) then 2 (moved to the queue's heap). Those words held duration
 * and submittedAt, which are read only before the task runs (start reads submittedAt, run reads
 * duration, then queues the end): reading either once the flag is set throws, and so does freeing a
 * record still linked. Why: when the end's bucket comes up, the queue reads the record, and the stop
 * that follows finds it in cache (one cache miss per task end instead of two).
 *
 * A task's public id (t-000001 is 0, in submission order: what outputs, logs and errors show) is
 * `serial(slot)`. Without recycling, slot = id. With recycling on (`recycling`, set by the engine for runs
 * in which a stopped task can no longer be referenced by any event, list or queue), `free(slot)` returns a
 * stopped task's slot and the next `add` reuses it (last freed, first reused: deterministic, and the slot
 * just released is still in cache), so memory is bounded by the tasks alive at once rather than by every
 * task ever submitted.
 */
import { type EventRecordLayout, type EventRecords, RECORD_LINKED } from "../core/event-queue.ts";
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
  /** The service replaced the task: a target group found it unhealthy (after the grace period). */
  ElbUnhealthy = 15,
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
  "Task failed ELB health checks",
];

/** Stops that lose a task with its instance (counted as tasks lost). */
export function isLoss(reason: StopReason): boolean {
  return reason === StopReason.InstanceLost || reason === StopReason.SpotReclaimed;
}

/** Bytes per task record (see the header). */
const RECORD = 64;
/** Byte of the end flag in a record. */
const END_FLAG = 62;

/** Where a record holds its task's queued end event (see the header). */
export const END_EVENT_LAYOUT: EventRecordLayout = { shift: 6, time: 2, seq: 0, next: 1, flag: END_FLAG };

export class TaskTable implements EventRecords {
  /** Slots ever used (the high-water mark; with recycling, at most the peak of tasks alive at once). */
  count = 0;
  /** Tasks ever submitted: the next task's public id. */
  submitted = 0;
  /** Reuse freed slots (see the header). */
  recycling = false;
  private freeSlots = new Int32Array(1024);
  private freeCount = 0;
  private capacity = 0;
  /** The records' buffer, by float64, int32 and byte (the event queue links task ends through them). */
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);
  u8 = new Uint8Array(0);

  constructor(capacity = 1024) {
    this.grow(Math.max(16, capacity));
  }

  add(shape: number, source: number, group: number, submittedAt: number, duration: number): number {
    let id: number;
    if (this.freeCount > 0) id = this.freeSlots[--this.freeCount]!;
    else {
      if (this.count === this.capacity) this.grow(this.capacity * 2);
      id = this.count++;
    }
    const f = this.f64;
    const i = this.i32;
    const x = id << 4;
    f[x >> 1] = submittedAt;
    f[(x >> 1) + 1] = Number.NaN;
    f[(x >> 1) + 2] = duration;
    i[x + 6] = this.submitted++;
    i[x + 7] = shape;
    i[x + 8] = source;
    i[x + 9] = group;
    i[x + 10] = -1;
    i[x + 11] = -1;
    i[x + 12] = -1;
    i[x + 13] = 0;
    i[x + 14] = -1;
    const b = this.u8;
    b[(id << 6) + 60] = TaskState.Pending;
    b[(id << 6) + 61] = 0;
    b[(id << 6) + END_FLAG] = 0;
    return id;
  }

  /** A stopped task's slot, for reuse when recycling (ignored otherwise). Nothing may refer to it after. */
  free(slot: number): void {
    if (!this.recycling) return;
    if (this.u8[(slot << 6) + END_FLAG] === RECORD_LINKED)
      throw new Error(`task slot ${slot} freed while its end event is queued in it`);
    if (this.freeCount === this.freeSlots.length) this.freeSlots = grown(this.freeSlots, this.freeCount * 2);
    this.freeSlots[this.freeCount++] = slot;
  }

  /** When the task was submitted. */
  submittedAt(id: number): number {
    if (this.u8[(id << 6) + END_FLAG] !== 0) endQueued(id, "submittedAt");
    return this.f64[id << 3]!;
  }
  /** When it was placed (NaN before). */
  startedAt(id: number): number {
    return this.f64[(id << 3) + 1]!;
  }
  setStartedAt(id: number, t: number): void {
    this.f64[(id << 3) + 1] = t;
  }
  /** How long it runs once RUNNING. */
  duration(id: number): number {
    if (this.u8[(id << 6) + END_FLAG] !== 0) endQueued(id, "duration");
    return this.f64[(id << 3) + 2]!;
  }
  /** Public task id. */
  serial(id: number): number {
    return this.i32[(id << 4) + 6]!;
  }
  shape(id: number): number {
    return this.i32[(id << 4) + 7]!;
  }
  /** Workload source (or trace) index. */
  source(id: number): number {
    return this.i32[(id << 4) + 8]!;
  }
  group(id: number): number {
    return this.i32[(id << 4) + 9]!;
  }
  /** Instance it was placed on, -1 before. */
  instance(id: number): number {
    return this.i32[(id << 4) + 10]!;
  }
  setInstance(id: number, i: number): void {
    this.i32[(id << 4) + 10] = i;
  }
  /** Service index, or -1 for a standalone task. */
  service(id: number): number {
    return this.i32[(id << 4) + 11]!;
  }
  setService(id: number, service: number): void {
    this.i32[(id << 4) + 11] = service;
  }
  /** Capacity provider index, or -1 when placement may use any instance. */
  provider(id: number): number {
    return this.i32[(id << 4) + 12]!;
  }
  setProvider(id: number, provider: number): void {
    this.i32[(id << 4) + 12] = provider;
  }
  /** n-th task of its source or service (keys per-task random draws). */
  ordinal(id: number): number {
    return this.i32[(id << 4) + 13]!;
  }
  setOrdinal(id: number, n: number): void {
    this.i32[(id << 4) + 13] = n;
  }
  /** Placement class: tasks interchangeable for feasibility (set at first decision; see PendingQueue); -1 before. */
  placementClass(id: number): number {
    return this.i32[(id << 4) + 14]!;
  }
  setPlacementClass(id: number, c: number): void {
    this.i32[(id << 4) + 14] = c;
  }
  state(id: number): TaskState {
    return this.u8[(id << 6) + 60]!;
  }
  setState(id: number, state: TaskState): void {
    this.u8[(id << 6) + 60] = state;
  }
  /** Shared GPU slot the task holds on its instance (Cluster.reserve) plus 1; 0 for none. */
  gpuSlot(id: number): number {
    return this.u8[(id << 6) + 61]!;
  }
  setGpuSlot(id: number, slot: number): void {
    this.u8[(id << 6) + 61] = slot;
  }

  private grow(capacity: number): void {
    const f = new Float64Array((capacity * RECORD) / 8);
    f.set(this.f64);
    this.f64 = f;
    this.i32 = new Int32Array(f.buffer);
    this.u8 = new Uint8Array(f.buffer);
    this.capacity = capacity;
  }
}

function endQueued(id: number, field: string): never {
  throw new Error(`task slot ${id}: ${field} read after its end was queued in its record`);
}

export function taskIdText(id: number): string {
  return `t-${String(id + 1).padStart(6, "0")}`;
}
