/**
 * Which tasks hold a reservation on each instance: an intrusive doubly-linked list per instance over
 * typed arrays indexed by task id, so adding and removing a task is O(1) and losing an instance visits only
 * its own tasks.
 *
 * Only a run in which instances can go away needs it; other runs construct it with `tracking` false and
 * skip the bookkeeping (at a million tasks, the list links of random tasks miss the caches on every stop).
 */
import { grown } from "../core/growable.ts";

export class InstanceTasks {
  constructor(readonly tracking = true) {}

  private head = new Int32Array(16).fill(-1);
  private next = new Int32Array(1024);
  private prev = new Int32Array(1024);

  add(task: number, i: number): void {
    if (!this.tracking) return;
    if (i >= this.head.length) {
      const n = this.head.length;
      this.head = grown(this.head, Math.max(n * 2, i + 1));
      this.head.fill(-1, n);
    }
    if (task >= this.next.length) {
      const capacity = Math.max(this.next.length * 2, task + 1);
      this.next = grown(this.next, capacity);
      this.prev = grown(this.prev, capacity);
    }
    const first = this.head[i]!;
    this.next[task] = first;
    this.prev[task] = -1;
    if (first >= 0) this.prev[first] = task;
    this.head[i] = task;
  }

  remove(task: number, i: number): void {
    if (!this.tracking) return;
    const p = this.prev[task]!;
    const n = this.next[task]!;
    if (p >= 0) this.next[p] = n;
    else this.head[i] = n;
    if (n >= 0) this.prev[n] = p;
  }

  /** The task ids on instance i (a copy, so callers may stop them while iterating). */
  on(i: number): number[] {
    if (!this.tracking) throw new Error("InstanceTasks.on: this run does not track tasks per instance");
    const out: number[] = [];
    for (let t = i < this.head.length ? this.head[i]! : -1; t >= 0; t = this.next[t]!) out.push(t);
    return out;
  }
}
