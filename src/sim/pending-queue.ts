/**
 * Tasks waiting for placement, in submission (FIFO) order, partitioned into placement classes.
 *
 * A class holds tasks that are interchangeable for feasibility (same shape, group and constraints; today:
 * same workload source). During one retry pass capacity only shrinks, so once a task of a class fails to
 * fit, every later task of that class would fail too: the pass stops trying that class. A pass therefore
 * costs O((placed + classes) x classes) instead of O(all pending), which keeps long overloads linear.
 * Within a class tasks leave only from the head, so each class is a simple array with a head index.
 */
import { atLeast, grown } from "../core/growable.ts";

class ClassQueue {
  ids = new Int32Array(64);
  /** Submission order of each entry (the public task id; task slots are reused, so ids do not grow). */
  order = new Int32Array(64);
  head = 0;
  tail = 0;

  push(id: number, order: number): void {
    if (this.tail === this.ids.length) {
      // Full: slide the live part to the front, doubling first when it fills more than half.
      const live = this.tail - this.head;
      if (live * 2 >= this.ids.length) {
        this.ids = grown(this.ids.subarray(this.head, this.tail), this.ids.length * 2);
        this.order = grown(this.order.subarray(this.head, this.tail), this.order.length * 2);
      } else {
        this.ids.copyWithin(0, this.head, this.tail);
        this.order.copyWithin(0, this.head, this.tail);
      }
      this.head = 0;
      this.tail = live;
    }
    this.order[this.tail] = order;
    this.ids[this.tail++] = id;
  }
}

export class PendingQueue {
  private readonly classes: ClassQueue[] = [];
  private blocked = new Uint8Array(8);
  length = 0;

  /** Queues task slot `id`; `order` is its submission order (its public id; default the slot itself). */
  push(id: number, placementClass: number, order = id): void {
    while (this.classes.length <= placementClass) this.classes.push(new ClassQueue());
    this.classes[placementClass]!.push(id, order);
    this.length++;
  }

  /** Visits every pending id oldest first (by submission order), without removing any. */
  forEach(visit: (id: number) => void): void {
    const heads = this.classes.map((q) => q.head);
    for (;;) {
      let pick = -1;
      let oldest = Number.POSITIVE_INFINITY;
      for (let c = 0; c < this.classes.length; c++) {
        const q = this.classes[c]!;
        if (heads[c]! < q.tail && q.order[heads[c]!]! < oldest) {
          oldest = q.order[heads[c]!]!;
          pick = c;
        }
      }
      if (pick < 0) return;
      const q = this.classes[pick]!;
      visit(q.ids[heads[pick]!++]!);
    }
  }

  /**
   * Offers pending tasks to `tryPlace` oldest first (by submission order) and removes those
   * it places. After a class's first refusal the rest of that class is skipped for this pass.
   */
  retain(tryPlace: (id: number) => boolean): void {
    const classes = this.classes;
    this.blocked = atLeast(this.blocked, classes.length);
    const blocked = this.blocked;
    blocked.fill(0);
    for (;;) {
      let pick = -1;
      let oldest = Number.POSITIVE_INFINITY;
      for (let c = 0; c < classes.length; c++) {
        const q = classes[c]!;
        if (blocked[c] === 1 || q.head === q.tail) continue;
        const order = q.order[q.head]!;
        if (order < oldest) {
          oldest = order;
          pick = c;
        }
      }
      if (pick < 0) return;
      const q = classes[pick]!;
      if (tryPlace(q.ids[q.head]!)) {
        q.head++;
        this.length--;
      } else {
        blocked[pick] = 1;
      }
    }
  }
}
