/**
 * Every task of one run, as parallel typed arrays indexed by an integer task id (allocation order).
 * Growing doubles the arrays; a task costs 41 bytes however many events touch it.
 */
export enum TaskState {
  Pending = 1,
  Running = 2,
  Stopped = 3,
}

export enum StopReason {
  None = 0,
  /** The task's essential containers finished (its duration elapsed). */
  Completed = 1,
  /** pending: fail and no instance could take it. */
  PlacementFailed = 2,
}

export const STOP_REASON_TEXT = ["", "Essential container in task exited", "Placement failed"];

export class TaskTable {
  count = 0;
  shape = new Int32Array(1024);
  source = new Int32Array(1024);
  group = new Int32Array(1024);
  instance = new Int32Array(1024);
  state = new Uint8Array(1024);
  submittedAt = new Float64Array(1024);
  startedAt = new Float64Array(1024);
  duration = new Float64Array(1024);

  add(shape: number, source: number, group: number, submittedAt: number, duration: number): number {
    if (this.count === this.shape.length) this.grow();
    const id = this.count++;
    this.shape[id] = shape;
    this.source[id] = source;
    this.group[id] = group;
    this.instance[id] = -1;
    this.state[id] = TaskState.Pending;
    this.submittedAt[id] = submittedAt;
    this.startedAt[id] = Number.NaN;
    this.duration[id] = duration;
    return id;
  }

  private grow(): void {
    const cap = this.shape.length * 2;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.shape = i32(this.shape);
    this.source = i32(this.source);
    this.group = i32(this.group);
    this.instance = i32(this.instance);
    const state = new Uint8Array(cap);
    state.set(this.state);
    this.state = state;
    this.submittedAt = f64(this.submittedAt);
    this.startedAt = f64(this.startedAt);
    this.duration = f64(this.duration);
  }
}

export function taskIdText(id: number): string {
  return `t-${String(id + 1).padStart(6, "0")}`;
}
