/**
 * The simulator's future event list: a small binary min-heap for the near future in front of time buckets
 * for the far future (a two-level queue), nothing allocated per event.
 *
 * Order: (time, priority, insertion sequence). Two events at the same time are popped by ascending
 * priority, and two events with the same time and priority in the order they were pushed, so a run
 * never depends on how the structure happens to break ties. Priority and sequence are packed into one
 * float, the tie (priority * 2^45 + seq), exact while seq < 2^45 and priority < 256: (time, tie) is a
 * strict total order over the events in the queue.
 *
 * Why two levels: a run keeps about as many events pending as tasks running (200,000 on scale-1m, most of
 * them task ends hours ahead), and a heap that large misses the cache on every level below the top ones
 * (260-320 ns per pop + push). Here only the events of the current bucket sit in the heap (about
 * BUCKET_LOAD of them, all in cache); a far event is linked into its bucket in O(1) and moved to the heap
 * once, when its bucket comes up.
 *
 * Invariant (what makes the order exact): the bucket of a time is b(t) = floor((t - base) * inv), a
 * non-decreasing function of t for the current (base, inv), whatever the rounding. The heap holds exactly
 * the events with b(t) < cur; bucket k >= cur holds those with b(t) = k (in LANES lists, see LANES: which
 * list an event is in never matters), and the overflow list those with
 * b(t) >= bucketCount. Since b is non-decreasing, every event in the heap comes strictly before (an
 * earlier time) every event outside it, so the heap's minimum is the queue's minimum. Pop takes from the
 * heap; when the heap is empty it moves the first non-empty bucket in (heapify, O(k)) and advances cur past
 * it. A rebuild (any time) moves every event out of the heap and the buckets, picks a new (base, inv,
 * bucketCount) with base = the earliest time, and redistributes them with cur = 0: the invariant holds
 * again, and order within a bucket never matters because the heap orders by (time, tie) alone.
 *
 * Below SPILL_AT pending events the queue is the plain heap (inv = 0, no buckets). Bucket width is chosen
 * at each rebuild: from the pop rate seen since the last rebuild (width = BUCKET_LOAD / events per unit of
 * time), else from the events' spread; it is never so narrow that the buckets miss the latest event (at
 * most 2 buckets per event, so empty buckets cost O(1) per pop). A rebuild happens when the heap first passes SPILL_AT, when the overflow is reached,
 * and when buckets turn out far too full or too empty, the last at most once per (pending count) pops, so
 * its O(n) cost is amortized to O(1) per pop. Worst case (every event at one instant) it is the plain heap.
 *
 * Far events linked through records (useRecords / pushRecord): an event whose argument indexes a record of
 * another table (a task's end: the task table's record of that task) can be linked into its bucket through
 * that record instead of a pool node: the record holds its time, its sequence number and the next link,
 * and a list link names either a pool node n (n >= 0) or record r (-2 - r; -1 ends a list). The heap and
 * the order are unchanged: a refill reads (time, priority * 2^45 + seq) back from the record exactly as
 * from a node. What it buys: the record is read once when its bucket comes up, so the handler that then
 * reads the same record (stopping the task) finds it in cache; a pool node was a second cache miss per
 * far event. The record's flag byte says where the event is: 1 while linked (the record's event fields
 * are the queue's), 2 once moved to the heap; the owner of the records must not reuse a record whose flag
 * is 1, and writes 0 when it reuses one. Sequence numbers are stored in 32 bits, so from the 2^32-th push
 * on pushRecord links pool nodes instead (still exact).
 */
import { grown } from "./growable.ts";

const SEQ_SPAN = 2 ** 45;
export const MAX_PRIORITY = 255;

/** Pending events above which the far buckets are used (the plain heap is cheapest below). */
const SPILL_AT = 4096;
/** Target events per bucket: the heap's size while a bucket is being popped. */
const BUCKET_LOAD = 64;
/** A far event node in the pool: time, tie (float64) then kind, arg, next (int32), 32 bytes. */
const NODE_BYTES = 32;
/**
 * Lists per bucket (lanes): a bucket's events are spread over LANES linked lists (by sequence number) and
 * a refill walks them side by side, so the cache misses of LANES lists overlap instead of following each
 * other down one list. Bucket b's list heads are heads[b * LANES + lane].
 */
const LANES = 4;
/** Sequence numbers a record can hold (32 bits, see the header). */
const RECORD_SEQ_LIMIT = 2 ** 32;

/** A table whose records can hold one far event each (its buffers may be replaced as it grows). */
export interface EventRecords {
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly u8: Uint8Array;
}

/** Where a record keeps the event: records of 2^shift bytes; a float64, two int32 and a byte index in it. */
export interface EventRecordLayout {
  readonly shift: number;
  readonly time: number;
  readonly seq: number;
  readonly next: number;
  readonly flag: number;
}

/** Record flag values (see the header). */
export const RECORD_LINKED = 1;
export const RECORD_RELEASED = 2;

export class EventQueue {
  // The near heap, over parallel typed arrays.
  private times: Float64Array;
  private ties: Float64Array;
  private kinds: Int32Array;
  private args: Int32Array;
  private heapSize = 0;
  private nextSeq = 0;
  /** Events pending in all (heap, buckets, overflow). */
  size = 0;

  /** Fields of the event most recently taken by pop(). */
  time = 0;
  kind = 0;
  arg = 0;

  // The far buckets (see the header). inv = 0: not in use.
  private base = 0;
  private inv = 0;
  private cur = 0;
  private bucketCount = 0;
  private heads = new Int32Array(0);
  private overflow = -1;
  /** The earliest and latest time in the overflow list (kept as events join it; reset by rebuild). */
  private overflowMin = Number.POSITIVE_INFINITY;
  private overflowMax = Number.NEGATIVE_INFINITY;
  private readonly spillAt: number;
  // Node pool: one buffer, node n at float64 index 4n (time, tie) and int32 index 8n + 4 (kind, arg, next).
  private poolF = new Float64Array(0);
  private poolI = new Int32Array(0);
  private poolTop = 0;
  private freeNode = -1;
  // Since the last rebuild or retune check: pops, buckets passed, and the time of the last pop before it.
  private pops = 0;
  private passed = 0;
  private rebuiltAt = 0;
  /** Rebuilds so far (tests check that the bucket paths ran). */
  rebuilds = 0;
  // Records that far events of kind recKind can be linked through (useRecords), and where in a record.
  private recs: EventRecords | null = null;
  private recKind = -1;
  private recTie = 0;
  private recShiftF = 0;
  private recShiftI = 0;
  private recShift = 0;
  private recTime = 0;
  private recSeq = 0;
  private recNext = 0;
  private recFlag = 0;

  private readonly bucketLoad: number;

  /**
   * `spillAt` (tests): pending events above which the far buckets are used; `bucketLoad` (tests): target
   * events per bucket (small loads put small test runs through many buckets).
   */
  constructor(initialCapacity = 1024, spillAt = SPILL_AT, bucketLoad = BUCKET_LOAD) {
    const cap = Math.max(16, initialCapacity);
    this.times = new Float64Array(cap);
    this.ties = new Float64Array(cap);
    this.kinds = new Int32Array(cap);
    this.args = new Int32Array(cap);
    this.spillAt = Math.max(1, spillAt);
    this.bucketLoad = Math.max(1, bucketLoad);
  }

  push(time: number, priority: number, kind: number, arg: number): void {
    checkTime(time);
    checkPriority(priority);
    const tie = priority * SEQ_SPAN + this.nextSeq++;
    this.size++;
    if (this.inv !== 0) {
      const b = Math.floor((time - this.base) * this.inv);
      if (b >= this.cur) {
        const n = this.node(time, tie, kind, arg);
        if (b < this.bucketCount) {
          const h = b * LANES + (this.nextSeq & (LANES - 1));
          this.poolI[8 * n + 6] = this.heads[h]!;
          this.heads[h] = n;
        } else {
          this.poolI[8 * n + 6] = this.overflow;
          this.overflow = n;
          this.overflowBounds(time);
        }
        return;
      }
    }
    this.heapPush(time, tie, kind, arg);
    if (this.inv === 0 && this.heapSize > this.spillAt) this.rebuild();
  }

  /**
   * From now on, pushRecord links far events of `kind` (all of `priority`) through `records` (see the
   * header): the event's arg is its record's index.
   */
  useRecords(records: EventRecords, layout: EventRecordLayout, kind: number, priority: number): void {
    checkPriority(priority);
    this.recs = records;
    this.recKind = kind;
    this.recTie = priority * SEQ_SPAN;
    this.recShift = layout.shift;
    this.recShiftF = layout.shift - 3;
    this.recShiftI = layout.shift - 2;
    this.recTime = layout.time;
    this.recSeq = layout.seq;
    this.recNext = layout.next;
    this.recFlag = layout.flag;
  }

  /**
   * push(time, priority, kind, arg) for an event whose arg is a record index: when the queue links events
   * of this kind through records (useRecords, with the same priority) and the event goes to a far bucket,
   * it is linked through record `arg`, whose time, seq and next words it overwrites (flag 1). The caller
   * gives up those words until the record is reused. A record holds one event at a time.
   */
  pushRecord(time: number, priority: number, kind: number, arg: number): void {
    if (
      kind !== this.recKind ||
      this.inv === 0 ||
      this.nextSeq >= RECORD_SEQ_LIMIT ||
      priority * SEQ_SPAN !== this.recTie
    ) {
      this.push(time, priority, kind, arg);
      return;
    }
    checkTime(time);
    const b = Math.floor((time - this.base) * this.inv);
    if (b < this.cur) {
      this.push(time, priority, kind, arg);
      return;
    }
    const recs = this.recs!;
    const flagAt = (arg << this.recShift) + this.recFlag;
    if (recs.u8[flagAt] === RECORD_LINKED) throw new Error(`record ${arg} already holds a queued event`);
    const seq = this.nextSeq++;
    this.size++;
    recs.u8[flagAt] = RECORD_LINKED;
    recs.f64[(arg << this.recShiftF) + this.recTime] = time;
    const x = arg << this.recShiftI;
    recs.i32[x + this.recSeq] = seq | 0;
    const link = -2 - arg;
    if (b < this.bucketCount) {
      const h = b * LANES + (seq & (LANES - 1));
      recs.i32[x + this.recNext] = this.heads[h]!;
      this.heads[h] = link;
    } else {
      recs.i32[x + this.recNext] = this.overflow;
      this.overflow = link;
      this.overflowBounds(time);
    }
  }

  /** The next link of list entry n (a pool node, or a record when n < -1). */
  private linkOf(n: number): number {
    return n >= 0 ? this.poolI[8 * n + 6]! : this.recs!.i32[((-2 - n) << this.recShiftI) + this.recNext]!;
  }

  private setLink(n: number, next: number): void {
    if (n >= 0) this.poolI[8 * n + 6] = next;
    else this.recs!.i32[((-2 - n) << this.recShiftI) + this.recNext] = next;
  }

  /** The time of list entry n. */
  private timeOf(n: number): number {
    return n >= 0 ? this.poolF[4 * n]! : this.recs!.f64[((-2 - n) << this.recShiftF) + this.recTime]!;
  }

  /** Earliest pending time, or Infinity when empty. */
  peekTime(): number {
    if (this.size === 0) return Number.POSITIVE_INFINITY;
    if (this.heapSize === 0) this.refill();
    return this.times[0]!;
  }

  /** Removes the first event into (time, kind, arg). Returns false when the queue is empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    if (this.heapSize === 0) this.refill();
    this.size--;
    this.pops++;
    const { times, ties, kinds, args } = this;
    this.time = times[0]!;
    this.kind = kinds[0]!;
    this.arg = args[0]!;
    const last = --this.heapSize;
    if (last === 0) return true;
    this.siftDown(0, last, times[last]!, ties[last]!, kinds[last]!, args[last]!);
    return true;
  }

  private heapPush(time: number, tie: number, kind: number, arg: number): void {
    if (this.heapSize === this.times.length) this.growHeap();
    // Sift up with a hole instead of swaps.
    let hole = this.heapSize++;
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

  /** The heap is empty and events are pending: move the next non-empty bucket (or the overflow) in. */
  private refill(): void {
    if (this.inv !== 0 && this.retune()) this.rebuild();
    for (;;) {
      const heads = this.heads;
      while (this.cur < this.bucketCount && emptyBucket(heads, this.cur)) {
        this.cur++;
        this.passed++;
      }
      if (this.cur < this.bucketCount) break;
      // Every bucket passed: only the overflow is left.
      this.rebuild();
    }
    const h = this.cur++ * LANES;
    this.passed++;
    const heads = this.heads;
    let n0 = heads[h]!;
    let n1 = heads[h + 1]!;
    let n2 = heads[h + 2]!;
    let n3 = heads[h + 3]!;
    heads.fill(-1, h, h + LANES);
    let k = 0;
    // Each round takes the next entry of every lane that has one (-1 & x is x: all four are -1 when done).
    while ((n0 & n1 & n2 & n3) !== -1) {
      if (k + LANES > this.times.length) this.growHeap();
      if (n0 !== -1) n0 = this.take(n0, k++);
      if (n1 !== -1) n1 = this.take(n1, k++);
      if (n2 !== -1) n2 = this.take(n2, k++);
      if (n3 !== -1) n3 = this.take(n3, k++);
    }
    this.heapSize = k;
    this.heapify();
  }

  /** Moves list entry n (a pool node, freed, or a record, released) to heap slot k; returns its next link. */
  private take(n: number, k: number): number {
    if (n >= 0) {
      const { poolF, poolI } = this;
      this.times[k] = poolF[4 * n]!;
      this.ties[k] = poolF[4 * n + 1]!;
      this.kinds[k] = poolI[8 * n + 4]!;
      this.args[k] = poolI[8 * n + 5]!;
      const next = poolI[8 * n + 6]!;
      poolI[8 * n + 6] = this.freeNode;
      this.freeNode = n;
      return next;
    }
    const r = -2 - n;
    const recs = this.recs!;
    const x = r << this.recShiftI;
    this.times[k] = recs.f64[(r << this.recShiftF) + this.recTime]!;
    this.ties[k] = this.recTie + (recs.i32[x + this.recSeq]! >>> 0);
    this.kinds[k] = this.recKind;
    this.args[k] = r;
    recs.u8[(r << this.recShift) + this.recFlag] = RECORD_RELEASED;
    return recs.i32[x + this.recNext]!;
  }

  /**
   * Called with the heap empty: once a window of at least max(1024, pending / 2) pops has passed since the
   * last rebuild or check, whether the buckets were far off their target load (BUCKET_LOAD pops per
   * bucket passed) in it; if not, a new window starts. So a rebuild costs O(pending) at most once per
   * pending / 2 pops, and the pop rate it sizes buckets by is the latest window's.
   */
  private retune(): boolean {
    if (this.pops < Math.max(1024, this.size >> 1)) return false;
    const load = this.pops / Math.max(this.passed, 1);
    if (load > 8 * this.bucketLoad || load < this.bucketLoad / 8) return true;
    this.pops = 0;
    this.passed = 0;
    this.rebuiltAt = this.time;
    return false;
  }

  /** Floyd's bottom-up heap construction over the first heapSize entries. */
  private heapify(): void {
    const { times, ties, kinds, args } = this;
    for (let start = (this.heapSize >> 1) - 1; start >= 0; start--) {
      this.siftDown(start, this.heapSize, times[start]!, ties[start]!, kinds[start]!, args[start]!);
    }
  }

  /** Puts the event at `hole` (of a heap of `size`) and sifts it down, moving a hole instead of swapping. */
  private siftDown(start: number, size: number, time: number, tie: number, kind: number, arg: number): void {
    const { times, ties, kinds, args } = this;
    let hole = start;
    const half = size >> 1;
    while (hole < half) {
      let child = 2 * hole + 1;
      const right = child + 1;
      if (
        right < size &&
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
  }

  /**
   * Moves every pending event into one list of nodes, chooses (base, inv, bucketCount) for them and
   * redistributes them with cur = 0 (see the header).
   */
  private rebuild(): void {
    this.rebuilds++;
    // With the heap empty and every bucket passed, all pending events are in the overflow list, whose
    // bounds are known: the pass that finds them is skipped (the one full rebuild of a long run's queue).
    const overflowOnly = this.heapSize === 0 && this.cur >= this.bucketCount;
    let min = this.overflowMin;
    let max = this.overflowMax;
    let list = this.overflow;
    this.overflow = -1;
    this.overflowMin = Number.POSITIVE_INFINITY;
    this.overflowMax = Number.NEGATIVE_INFINITY;
    for (let h = this.cur * LANES; h < this.bucketCount * LANES; h++) {
      let n = this.heads[h]!;
      while (n !== -1) {
        const next = this.linkOf(n);
        this.setLink(n, list);
        list = n;
        n = next;
      }
    }
    for (let h = 0; h < this.heapSize; h++) {
      const n = this.node(this.times[h]!, this.ties[h]!, this.kinds[h]!, this.args[h]!);
      this.poolI[8 * n + 6] = list;
      list = n;
    }
    this.heapSize = 0;
    const count = this.size;
    if (!overflowOnly) {
      min = Number.POSITIVE_INFINITY;
      max = Number.NEGATIVE_INFINITY;
      for (let n = list; n !== -1; n = this.linkOf(n)) {
        const t = this.timeOf(n);
        if (t < min) min = t;
        if (t > max) max = t;
      }
    }
    const span = max - min;
    const elapsed = this.time - this.rebuiltAt;
    const width =
      this.pops >= 1024 && elapsed > 0
        ? (this.bucketLoad * elapsed) / this.pops
        : (Math.max(span, 0) * this.bucketLoad) / Math.max(count, 1);
    // inv must be finite and > 0: an infinite inv makes (t - base) * inv NaN at t = base (so no event lands
    // in a bucket and refill never ends), and 0 means "buckets off". Subnormal or huge spans need the guard.
    let inv = 1 / width;
    if (!(inv > 0 && inv < Number.POSITIVE_INFINITY))
      inv = span > 0 && 1 / span < Number.POSITIVE_INFINITY ? 1 / span : 1;
    this.base = min;
    this.inv = inv;
    this.cur = 0;
    this.passed = 0;
    this.pops = 0;
    this.rebuiltAt = this.time;
    // At most 2 buckets per event (and at least 1024), so passing empty buckets costs O(1) per pop; the
    // events beyond the last bucket wait in the overflow list until the buckets are passed.
    const buckets = Math.min(Math.max(1024, 2 * count), Math.floor(span * this.inv) + 2);
    this.bucketCount = buckets;
    if (this.heads.length < buckets * LANES)
      this.heads = new Int32Array(Math.max(buckets * LANES, 2 * this.heads.length));
    this.heads.fill(-1, 0, buckets * LANES);
    const heads = this.heads;
    let n = list;
    let lane = 0;
    let placed = 0;
    while (n !== -1) {
      const next = this.linkOf(n);
      const t = this.timeOf(n);
      const b = Math.floor((t - min) * this.inv);
      // min is the earliest pending time, so b >= 0; anything else is a broken bound, not an order to keep.
      if (!(b >= 0)) throw new Error(`event queue: time ${t} before the rebuild's base ${min}`);
      if (b < buckets) {
        const h = b * LANES + (lane++ & (LANES - 1));
        this.setLink(n, heads[h]!);
        heads[h] = n;
      } else {
        this.setLink(n, this.overflow);
        this.overflow = n;
        this.overflowBounds(t);
      }
      n = next;
      placed++;
    }
    // Every pending event is in the heap, a bucket or the overflow. A count that differs means a list lost
    // (or gained) events, after which refill would search forever: fail loudly instead.
    if (placed !== this.size)
      throw new Error(`event queue: ${this.size} events pending, ${placed} in its lists`);
  }

  private overflowBounds(time: number): void {
    if (time < this.overflowMin) this.overflowMin = time;
    if (time > this.overflowMax) this.overflowMax = time;
  }

  /** A pool node holding the event (its next link is the caller's to set). */
  private node(time: number, tie: number, kind: number, arg: number): number {
    let n = this.freeNode;
    if (n !== -1) this.freeNode = this.poolI[8 * n + 6]!;
    else {
      if (this.poolTop * NODE_BYTES === this.poolF.byteLength) this.growPool();
      n = this.poolTop++;
    }
    this.poolF[4 * n] = time;
    this.poolF[4 * n + 1] = tie;
    this.poolI[8 * n + 4] = kind;
    this.poolI[8 * n + 5] = arg;
    return n;
  }

  private growPool(): void {
    const bytes = Math.max(NODE_BYTES * 1024, 2 * this.poolF.byteLength);
    const f = new Float64Array(bytes / 8);
    f.set(this.poolF);
    this.poolF = f;
    this.poolI = new Int32Array(f.buffer);
  }

  private growHeap(): void {
    const cap = this.times.length * 2;
    this.times = grown(this.times, cap);
    this.ties = grown(this.ties, cap);
    this.kinds = grown(this.kinds, cap);
    this.args = grown(this.args, cap);
  }
}

function checkTime(time: number): void {
  if (!(time >= 0) || !Number.isFinite(time))
    throw new RangeError(`event time must be finite and >= 0, got ${time}`);
}

function checkPriority(priority: number): void {
  if (priority < 0 || priority > MAX_PRIORITY || !Number.isInteger(priority))
    throw new RangeError(`event priority must be an integer in 0..${MAX_PRIORITY}, got ${priority}`);
}

/** Whether bucket b has no event in any lane. */
function emptyBucket(heads: Int32Array, b: number): boolean {
  const h = b * LANES;
  return (heads[h]! & heads[h + 1]! & heads[h + 2]! & heads[h + 3]!) === -1;
}
