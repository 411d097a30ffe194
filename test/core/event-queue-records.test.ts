import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EventQueue,
  type EventRecordLayout,
  type EventRecords,
  MAX_PRIORITY,
  RECORD_LINKED,
  RECORD_RELEASED,
} from "../../src/core/event-queue.ts";

// Far events linked through records (event-queue.ts, "records") against the plain heap, which never links
// anything: the same pushes must pop in the same order with the same (time, kind, arg).

const LAYOUT: EventRecordLayout = { shift: 6, time: 2, seq: 0, next: 1, flag: 62 };
const RECORD_KIND = 5;
const RECORD_PRIORITY = 10;
/** Bytes of a record the queue may write: float64 2, int32 0-1 (float64 0) and the flag byte. */
const QUEUE_BYTES = new Set([...range(0, 8), ...range(16, 24), 62]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

/** 64-byte records over one buffer that is replaced as it grows; every other byte holds a known pattern. */
class Records implements EventRecords {
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);
  u8 = new Uint8Array(0);
  grow(count: number): void {
    const old = this.u8;
    const f = new Float64Array(count * 8);
    this.f64 = f;
    this.i32 = new Int32Array(f.buffer);
    this.u8 = new Uint8Array(f.buffer);
    for (let b = 0; b < this.u8.length; b++) this.u8[b] = (b & 63) === 62 ? 0 : pattern(b);
    this.u8.set(old);
  }
  /** Whether every byte the queue must not write still holds its pattern. */
  intact(): boolean {
    for (let b = 0; b < this.u8.length; b++)
      if (!QUEUE_BYTES.has(b & 63) && this.u8[b] !== pattern(b)) return false;
    return true;
  }
}

function pattern(b: number): number {
  return (b * 37 + 11) & 255;
}

/** after: the time is an increment on the last time popped (what a simulator pushes), else absolute. */
type Op =
  | { op: "push"; time: number; priority: number; after: boolean }
  | { op: "record"; time: number; priority: number; after: boolean }
  | { op: "pop" }
  | { op: "grow" };

const timeArb = fc.oneof(
  fc.integer({ min: 0, max: 6 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.double({ min: 0, max: 1e-320, noNaN: true }),
  fc.constantFrom(1e307, 1e308, Number.MAX_VALUE),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("push" as const),
      time: timeArb,
      after: fc.boolean(),
      // Same priority as the record kind's on purpose: ties between linked and plain events.
      priority: fc.oneof(fc.constantFrom(0, RECORD_PRIORITY, 11), fc.constant(MAX_PRIORITY)),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("record" as const),
      time: timeArb,
      after: fc.boolean(),
      // Mostly the kind's priority (linked); sometimes another (must fall back to a pool node).
      priority: fc.oneof(
        { weight: 5, arbitrary: fc.constant(RECORD_PRIORITY) },
        { weight: 1, arbitrary: fc.constant(3) },
      ),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ op: "pop" as const }) },
  { weight: 1, arbitrary: fc.constant({ op: "grow" as const }) },
);

/**
 * Runs ops on a record-linking queue and on a plain heap, comparing every pop. Records are handed out
 * last-freed-first, as the task table recycles slots, and freed when their event pops.
 */
function compare(ops: Op[], spillAt: number, bucketLoad = 64): { linked: number } {
  const records = new Records();
  let capacity = 4;
  records.grow(capacity);
  const q = new EventQueue(16, spillAt, bucketLoad);
  q.useRecords(records, LAYOUT, RECORD_KIND, RECORD_PRIORITY);
  const heap = new EventQueue(16, Number.POSITIVE_INFINITY);
  const free: number[] = [];
  let top = 0;
  let seq = 0;
  let linked = 0;
  const timeOf = (op: { time: number; after: boolean }) => {
    const t = op.after ? heap.time + op.time : op.time;
    return Number.isFinite(t) ? t : op.time;
  };
  const popBoth = () => {
    expect(q.pop()).toBe(heap.pop());
    expect([q.time, q.kind, q.arg]).toEqual([heap.time, heap.kind, heap.arg]);
    if (q.kind === RECORD_KIND) {
      // The record's event has left the buckets: the record may be reused.
      expect(records.u8[(q.arg << 6) + 62]).not.toBe(RECORD_LINKED);
      free.push(q.arg);
    }
  };
  for (const op of ops) {
    if (op.op === "pop") {
      if (heap.size > 0) popBoth();
      else expect(q.pop()).toBe(false);
    } else if (op.op === "grow") {
      // New buffers (the queue must read the current ones), a few records larger.
      capacity += 4;
      records.grow(capacity);
    } else if (op.op === "push") {
      // Kinds other than the record kind, args that are not records.
      const time = timeOf(op);
      q.push(time, op.priority, 1 + (seq % 3), -seq - 1);
      heap.push(time, op.priority, 1 + (seq % 3), -seq - 1);
      seq++;
    } else {
      let r = free.pop();
      if (r === undefined) {
        if (top === capacity) {
          capacity *= 2;
          records.grow(capacity);
        }
        r = top++;
      }
      records.u8[(r << 6) + 62] = 0;
      const time = timeOf(op);
      q.pushRecord(time, op.priority, RECORD_KIND, r);
      if (records.u8[(r << 6) + 62] === RECORD_LINKED) linked++;
      heap.push(time, op.priority, RECORD_KIND, r);
      seq++;
    }
    expect(q.size).toBe(heap.size);
    expect(q.peekTime()).toBe(heap.peekTime());
  }
  while (heap.size > 0) popBoth();
  expect(q.pop()).toBe(false);
  expect(records.intact()).toBe(true);
  return { linked };
}

describe("EventQueue: far events linked through records", () => {
  it("pops exactly what the plain heap pops, for random pushes, record pushes, pops and record growth", () => {
    let linked = 0;
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 400, size: "max" }),
        fc.constantFrom(1, 2, 5, 8, 4096),
        fc.constantFrom(1, 2, 64),
        (ops, spillAt, bucketLoad) => {
          linked += compare(ops, spillAt, bucketLoad).linked;
        },
      ),
      { numRuns: 400 },
    );
    // The property ran the linked path, not only the fallbacks.
    expect(linked).toBeGreaterThan(1000);
  });

  it("keeps the plain heap's order in a hold model of task ends (rebuilds, retuning, overflow, ties)", () => {
    let seed = 11;
    const uniform = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const ops: Op[] = [];
    for (let k = 0; k < 3000; k++)
      ops.push({ op: "record", time: Math.floor(uniform() * 100), priority: RECORD_PRIORITY, after: false });
    // Pops interleaved with pushes at the time just popped plus an increment (0 for ties, a few huge ones
    // for the overflow) whose mean changes 100-fold, so the bucket width is retuned both ways.
    for (let h = 0; h < 40_000; h++) {
      ops.push({ op: "pop" });
      const r = uniform();
      const mean = h < 15_000 ? 100 : h < 30_000 ? 10_000 : 100;
      const time = r < 0.1 ? 0 : r > 0.999 ? 1e7 * uniform() : -Math.log(1 - uniform()) * mean;
      const priority = RECORD_PRIORITY;
      ops.push(
        r < 0.3 ? { op: "push", time, priority, after: true } : { op: "record", time, priority, after: true },
      );
    }
    expect(compare(ops, 64).linked).toBeGreaterThan(20_000);
  });

  it("refuses to link an event into a record that already holds one", () => {
    const records = new Records();
    records.grow(4);
    const q = new EventQueue(16, 1);
    q.useRecords(records, LAYOUT, RECORD_KIND, RECORD_PRIORITY);
    for (let k = 0; k < 4; k++) q.push(k, 0, 1, k);
    q.pushRecord(100, RECORD_PRIORITY, RECORD_KIND, 2);
    expect(records.u8[2 * 64 + 62]).toBe(RECORD_LINKED);
    expect(() => q.pushRecord(200, RECORD_PRIORITY, RECORD_KIND, 2)).toThrow(/already holds/);
    const popped: number[] = [];
    while (q.pop()) popped.push(q.time);
    expect(popped).toEqual([0, 1, 2, 3, 100]);
    expect(records.u8[2 * 64 + 62]).toBe(RECORD_RELEASED);
  });

  it("links pool nodes instead once sequence numbers pass 32 bits, in the same order", () => {
    const records = new Records();
    records.grow(8);
    const q = new EventQueue(16, 1);
    q.useRecords(records, LAYOUT, RECORD_KIND, RECORD_PRIORITY);
    q.push(0, 0, 1, 0);
    q.push(1000, 0, 1, 0);
    // Same time and priority, pushed first: pops before the four below only if their seqs read back right.
    q.push(10, RECORD_PRIORITY, 2, 9);
    // Sequence numbers from just below 2^32 (the counter is private: set for this test only).
    (q as unknown as { nextSeq: number }).nextSeq = 2 ** 32 - 2;
    q.pushRecord(10, RECORD_PRIORITY, RECORD_KIND, 0);
    q.pushRecord(10, RECORD_PRIORITY, RECORD_KIND, 1);
    q.pushRecord(10, RECORD_PRIORITY, RECORD_KIND, 2);
    q.pushRecord(10, RECORD_PRIORITY, RECORD_KIND, 3);
    expect([0, 1, 2, 3].map((r) => records.u8[r * 64 + 62])).toEqual([RECORD_LINKED, RECORD_LINKED, 0, 0]);
    const args: number[] = [];
    while (q.pop()) if (q.kind !== 1) args.push(q.arg);
    expect(args).toEqual([9, 0, 1, 2, 3]);
  });
});
