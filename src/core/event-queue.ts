/**
 * The simulator's future event list: a binary min-heap in one interleaved Float64Array.
 *
 * Order: (time, priority, insertion sequence). Two events at the same time are popped by ascending
 * priority, and two events with the same time and priority in the order they were pushed, so a run
 * never depends on how the heap happens to break ties. Priority and sequence are packed into one
 * float (priority * 2^45 + seq), exact while seq < 2^45 and priority < 256.
 *
 * An event is two integers (kind, arg); the caller interprets them. Nothing is allocated per event.
 * Each heap slot is four consecutive floats (time, tie, kind, arg): moving an event during a sift touches
 * one 32-byte run instead of four separate arrays, which keeps the queue within a few percent of a bare
 * time-only heap (bench/kernel.ts).
 */
const SEQ_SPAN = 2 ** 45;
export const MAX_PRIORITY = 255;
/** Floats per heap slot: time, tie, kind, arg. */
const SLOT = 4;

export class EventQueue {
  private heap: Float64Array;
  private nextSeq = 0;
  size = 0;

  /** Fields of the event most recently taken by pop(). */
  time = 0;
  kind = 0;
  arg = 0;

  constructor(initialCapacity = 1024) {
    this.heap = new Float64Array(Math.max(16, initialCapacity) * SLOT);
  }

  push(time: number, priority: number, kind: number, arg: number): void {
    if (!(time >= 0) || !Number.isFinite(time))
      throw new RangeError(`event time must be finite and >= 0, got ${time}`);
    if (priority < 0 || priority > MAX_PRIORITY || !Number.isInteger(priority)) {
      throw new RangeError(`event priority must be an integer in 0..${MAX_PRIORITY}, got ${priority}`);
    }
    if ((this.size + 1) * SLOT > this.heap.length) this.grow();
    const tie = priority * SEQ_SPAN + this.nextSeq++;
    const heap = this.heap;
    // Sift up with a hole instead of swaps.
    let hole = this.size++;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const p = parent * SLOT;
      const pt = heap[p]!;
      if (pt < time || (pt === time && heap[p + 1]! < tie)) break;
      copySlot(heap, p, hole * SLOT);
      hole = parent;
    }
    const h = hole * SLOT;
    heap[h] = time;
    heap[h + 1] = tie;
    heap[h + 2] = kind;
    heap[h + 3] = arg;
  }

  /** Earliest pending time, or Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.heap[0]! : Number.POSITIVE_INFINITY;
  }

  /** Removes the first event into (time, kind, arg). Returns false when the queue is empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const heap = this.heap;
    this.time = heap[0]!;
    this.kind = heap[2]!;
    this.arg = heap[3]!;
    const last = --this.size;
    if (last === 0) return true;
    const l = last * SLOT;
    const time = heap[l]!;
    const tie = heap[l + 1]!;
    const kind = heap[l + 2]!;
    const arg = heap[l + 3]!;
    let hole = 0;
    const half = last >> 1;
    while (hole < half) {
      let child = 2 * hole + 1;
      let c = child * SLOT;
      if (child + 1 < last) {
        const r = c + SLOT;
        if (heap[r]! < heap[c]! || (heap[r] === heap[c] && heap[r + 1]! < heap[c + 1]!)) {
          child++;
          c = r;
        }
      }
      const ct = heap[c]!;
      if (time < ct || (time === ct && tie < heap[c + 1]!)) break;
      copySlot(heap, c, hole * SLOT);
      hole = child;
    }
    const h = hole * SLOT;
    heap[h] = time;
    heap[h + 1] = tie;
    heap[h + 2] = kind;
    heap[h + 3] = arg;
    return true;
  }

  private grow(): void {
    const next = new Float64Array(this.heap.length * 2);
    next.set(this.heap);
    this.heap = next;
  }
}

function copySlot(heap: Float64Array, from: number, to: number): void {
  heap[to] = heap[from]!;
  heap[to + 1] = heap[from + 1]!;
  heap[to + 2] = heap[from + 2]!;
  heap[to + 3] = heap[from + 3]!;
}
