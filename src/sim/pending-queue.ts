/**
 * Task ids waiting for placement, oldest first. Retries walk the queue in order and keep what still does
 * not fit, compacting in place, so removal from the middle costs nothing extra.
 */
export class PendingQueue {
  private ids = new Int32Array(256);
  length = 0;

  push(id: number): void {
    if (this.length === this.ids.length) {
      const next = new Int32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.length++] = id;
  }

  /** The k-th oldest pending id (0 <= k < length); may include tasks cancelled since the last retry. */
  at(k: number): number {
    return this.ids[k]!;
  }

  /** Calls `tryPlace` on each id in FIFO order and drops the ids for which it returns true. */
  retain(tryPlace: (id: number) => boolean): void {
    let kept = 0;
    for (let r = 0; r < this.length; r++) {
      const id = this.ids[r]!;
      if (!tryPlace(id)) this.ids[kept++] = id;
    }
    this.length = kept;
  }
}
