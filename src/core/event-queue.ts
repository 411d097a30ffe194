/**
 * The simulator's future event list: a binary min-heap over parallel typed arrays.
 *
 * Order: (time, priority, insertion sequence). Two events at the same time are popped by ascending
 * priority, and two events with the same time and priority in the order they were pushed, so a run
 * never depends on how the heap happens to break ties. Priority and sequence are packed into one
 * float (priority * 2^45 + seq), exact while seq < 2^45 and priority < 256.
 *
 * An event is two integers (kind, arg); the caller interprets them. Nothing is allocated per event. The
 * sift loops read the four arrays through locals (not this.x per move): about 10% faster in bench/kernel.ts.
 */
import { grown } from "./growable.ts";

const SEQ_SPAN = 2 ** 45;
export const MAX_PRIORITY = 255;

export class EventQueue {
  private times: Float64Array;
  private ties: Float64Array;
  private kinds: Int32Array;
  private args: Int32Array;
  private nextSeq = 0;
  size = 0;

  /** Fields of the event most recently taken by pop(). */
  time = 0;
  kind = 0;
  arg = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.times = new Float64Array(cap);
    this.ties = new Float64Array(cap);
    this.kinds = new Int32Array(cap);
    this.args = new Int32Array(cap);
  }

  push(time: number, priority: number, kind: number, arg: number): void {
    if (!(time >= 0) || !Number.isFinite(time))
      throw new RangeError(`event time must be finite and >= 0, got ${time}`);
    if (priority < 0 || priority > MAX_PRIORITY || !Number.isInteger(priority)) {
      throw new RangeError(`event priority must be an integer in 0..${MAX_PRIORITY}, got ${priority}`);
    }
    if (this.size === this.times.length) this.grow();
    const tie = priority * SEQ_SPAN + this.nextSeq++;
    // Sift up with a hole instead of swaps.
    let hole = this.size++;
    const { times, ties, kinds, args } = this;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && ties[parent]! < tie)) break;
      times[hole] = pt;
      ties[hole] = ties[parent]!;
      kinds[hole] = kinds[parent]!;
      args[hole] = args[parent]!;
      hole = parent;
    }
    times[hole] = time;
    ties[hole] = tie;
    kinds[hole] = kind;
    args[hole] = arg;
  }

  /** Earliest pending time, or Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0]! : Number.POSITIVE_INFINITY;
  }

  /** Removes the first event into (time, kind, arg). Returns false when the queue is empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const { times, ties, kinds, args } = this;
    this.time = times[0]!;
    this.kind = kinds[0]!;
    this.arg = args[0]!;
    const last = --this.size;
    if (last === 0) return true;
    const time = times[last]!;
    const tie = ties[last]!;
    const kind = kinds[last]!;
    const arg = args[last]!;
    let hole = 0;
    const half = last >> 1;
    while (hole < half) {
      let child = 2 * hole + 1;
      const right = child + 1;
      if (
        right < last &&
        (times[right]! < times[child]! || (times[right] === times[child] && ties[right]! < ties[child]!))
      ) {
        child = right;
      }
      const ct = times[child]!;
      if (time < ct || (time === ct && tie < ties[child]!)) break;
      times[hole] = ct;
      ties[hole] = ties[child]!;
      kinds[hole] = kinds[child]!;
      args[hole] = args[child]!;
      hole = child;
    }
    times[hole] = time;
    ties[hole] = tie;
    kinds[hole] = kind;
    args[hole] = arg;
    return true;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    this.times = grown(this.times, cap);
    this.ties = grown(this.ties, cap);
    this.kinds = grown(this.kinds, cap);
    this.args = grown(this.args, cap);
  }
}
