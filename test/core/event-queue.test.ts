import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue, MAX_PRIORITY } from "../../src/core/event-queue.ts";

type Op = { op: "push"; time: number; priority: number } | { op: "pop" };

interface RefEvent {
  time: number;
  priority: number;
  seq: number;
}

/** The reference: a plain array, the next event found by a linear scan on (time, priority, seq). */
function refPopIndex(events: RefEvent[]): number {
  let best = 0;
  for (let i = 1; i < events.length; i++) {
    const a = events[i]!;
    const b = events[best]!;
    if (
      a.time < b.time ||
      (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)))
    )
      best = i;
  }
  return best;
}

// Few distinct times and priorities, so equal-time and equal-(time, priority) ties are common.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("push" as const),
      // Subnormal and near-largest times make bucket widths whose inverse overflows (a hang and a wrong
      // order once); they are drawn on purpose, not left to chance.
      time: fc.oneof(
        fc.integer({ min: 0, max: 6 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e-320, noNaN: true }),
        fc.constantFrom(1e307, 1e308, Number.MAX_VALUE),
      ),
      priority: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(MAX_PRIORITY)),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ op: "pop" as const }) },
);

describe("EventQueue", () => {
  it("pops exactly what a sorted reference pops, for random push/pop sequences (heap and buckets)", () => {
    fc.assert(
      // spillAt 1-8 puts nearly every sequence through the far buckets, rebuilds and refills.
      fc.property(fc.array(opArb, { maxLength: 400 }), fc.constantFrom(1, 2, 5, 8, 4096), (ops, spillAt) => {
        const q = new EventQueue(16, spillAt);
        const ref: RefEvent[] = [];
        let seq = 0;
        const check = () => {
          const i = refPopIndex(ref);
          const want = ref.splice(i, 1)[0]!;
          expect(q.pop()).toBe(true);
          expect(q.time).toBe(want.time);
          // kind and arg identify the event: both derive from its insertion number.
          expect(q.kind).toBe(want.seq);
          expect(q.arg).toBe(-want.seq - 1);
        };
        for (const op of ops) {
          if (op.op === "push") {
            q.push(op.time, op.priority, seq, -seq - 1);
            ref.push({ time: op.time, priority: op.priority, seq });
            seq++;
          } else if (ref.length > 0) {
            check();
          } else {
            expect(q.pop()).toBe(false);
          }
          expect(q.size).toBe(ref.length);
          expect(q.peekTime()).toBe(ref.length > 0 ? ref[refPopIndex(ref)]!.time : Number.POSITIVE_INFINITY);
        }
        while (ref.length > 0) check();
        expect(q.pop()).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the plain heap's order through bucket rebuilds, retuning and overflow (hold model)", () => {
    // A plain heap (spill threshold never reached) is the reference. The far queue spills at 64 events;
    // the pop rate changes 50-fold twice, so the bucket width is retuned both ways, and a few events far
    // ahead land in the overflow.
    const far = new EventQueue(16, 64);
    const heap = new EventQueue(16, Number.POSITIVE_INFINITY);
    let seed = 7;
    const uniform = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const both = (time: number, priority: number, kind: number, arg: number) => {
      far.push(time, priority, kind, arg);
      heap.push(time, priority, kind, arg);
    };
    for (let k = 0; k < 3000; k++) both(uniform() * 100, k % 3, 1, k);
    let pushed = 3000;
    for (let h = 0; h < 60_000; h++) {
      expect(far.pop()).toBe(true);
      expect(heap.pop()).toBe(true);
      expect([far.time, far.kind, far.arg]).toEqual([heap.time, heap.kind, heap.arg]);
      const mean = h < 20_000 ? 100 : h < 40_000 ? 5000 : 100;
      // Some increments are 0 (same instant, priority breaks the tie), a few are huge.
      const r = uniform();
      const dt = r < 0.1 ? 0 : r > 0.999 ? 1e7 * uniform() : -Math.log(1 - uniform()) * mean;
      both(far.time + dt, pushed % 4, 2, pushed);
      pushed++;
    }
    while (heap.pop()) {
      expect(far.pop()).toBe(true);
      expect([far.time, far.kind, far.arg]).toEqual([heap.time, heap.kind, heap.arg]);
    }
    expect(far.pop()).toBe(false);
    expect(far.rebuilds).toBeGreaterThan(3);
    expect(heap.rebuilds).toBe(0);
  });

  it("pops a burst at one instant by priority, then insertion, with the buckets in use", () => {
    const q = new EventQueue(16, 8);
    for (let k = 0; k < 5000; k++) q.push(k % 2 === 0 ? 10 : 10 + k, k % 3, 0, k);
    const burst: number[] = [];
    for (let k = 0; k < 2500; k++) {
      expect(q.pop()).toBe(true);
      expect(q.time).toBe(10);
      burst.push(q.arg);
    }
    const expected = Array.from({ length: 2500 }, (_, j) => 2 * j).sort((a, b) => (a % 3) - (b % 3) || a - b);
    expect(burst).toEqual(expected);
    expect(q.peekTime()).toBe(11);
    expect(q.rebuilds).toBeGreaterThan(0);
  });

  it("keeps the exact order when the times' spread is subnormal or near the largest double", () => {
    const cases: [number, number][][] = [
      // Found by fuzzing: a width of 8e-323 has an infinite inverse, so (t - base) * inv was NaN at t = base.
      [
        [0, 2],
        [8e-323, 3],
        [0, 255],
        [2, 3],
        [5, 3],
      ],
      [
        [Number.MIN_VALUE, 1],
        [0, 0],
        [3 * Number.MIN_VALUE, 0],
        [0, 1],
      ],
      [
        [0, 0],
        [Number.MAX_VALUE, 0],
        [1e308, 1],
        [0, 1],
        [1, 0],
      ],
    ];
    for (const events of cases) {
      for (const spillAt of [1, 2, 4096]) {
        const q = new EventQueue(16, spillAt);
        events.forEach(([time, priority], seq) => q.push(time, priority, seq, 0));
        const want = events
          .map(([time, priority], seq) => ({ time, priority, seq }))
          .sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)
          .map((e) => e.seq);
        const got: number[] = [];
        while (q.pop()) got.push(q.kind);
        expect(got, `spillAt ${spillAt}: ${JSON.stringify(events)}`).toEqual(want);
      }
    }
  });

  it("orders same-time events by priority, then by insertion", () => {
    const q = new EventQueue();
    q.push(5, 20, 1, 0);
    q.push(5, 10, 2, 0);
    q.push(5, 20, 3, 0);
    q.push(4, 255, 4, 0);
    q.push(5, 10, 5, 0);
    const kinds: number[] = [];
    while (q.pop()) kinds.push(q.kind);
    expect(kinds).toEqual([4, 2, 5, 1, 3]);
  });

  it("rejects NaN, negative and infinite times", () => {
    const q = new EventQueue();
    expect(() => q.push(Number.NaN, 0, 0, 0)).toThrow(RangeError);
    expect(() => q.push(-1, 0, 0, 0)).toThrow(RangeError);
    expect(() => q.push(-Number.MIN_VALUE, 0, 0, 0)).toThrow(RangeError);
    expect(() => q.push(Number.POSITIVE_INFINITY, 0, 0, 0)).toThrow(RangeError);
    expect(q.size).toBe(0);
    q.push(0, 0, 7, 8);
    expect(q.size).toBe(1);
  });

  it("rejects priorities that are negative, fractional, NaN or above MAX_PRIORITY", () => {
    const q = new EventQueue();
    for (const p of [-1, 0.5, Number.NaN, MAX_PRIORITY + 1, 1e9]) {
      expect(() => q.push(1, p, 0, 0), `priority ${p}`).toThrow(RangeError);
    }
    expect(q.size).toBe(0);
    q.push(1, MAX_PRIORITY, 0, 0);
    q.push(1, 0, 1, 0);
    expect(q.pop()).toBe(true);
    expect(q.kind).toBe(1);
  });

  it("grows past its initial capacity without losing or reordering events", () => {
    const q = new EventQueue(16);
    const n = 5000;
    // Times in a scrambled order (a permutation of 0..n-1), two priorities.
    for (let k = 0; k < n; k++) q.push((k * 7919) % n, k % 2, k, (k * 7919) % n);
    expect(q.size).toBe(n);
    for (let t = 0; t < n; t++) {
      expect(q.pop()).toBe(true);
      expect(q.time).toBe(t);
      expect(q.arg).toBe(t);
    }
    expect(q.pop()).toBe(false);
  });
});
