import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/core/event-queue.ts";

function drain(q: EventQueue): [number, number, number][] {
  const out: [number, number, number][] = [];
  while (q.pop()) out.push([q.time, q.kind, q.arg]);
  return out;
}

describe("EventQueue", () => {
  it("pops by time, then priority, then insertion order", () => {
    const q = new EventQueue(16);
    q.push(5, 20, 1, 0);
    q.push(5, 10, 2, 1);
    q.push(1, 30, 3, 2);
    q.push(5, 10, 4, 3);
    q.push(0, 0, 5, -7);
    expect(drain(q)).toEqual([
      [0, 5, -7],
      [1, 3, 2],
      [5, 2, 1],
      [5, 4, 3],
      [5, 1, 0],
    ]);
    expect(q.pop()).toBe(false);
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });

  it("matches a stable sort of (time, priority) for any pushes, across growth", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), {
          maxLength: 200,
        }),
        (events) => {
          const q = new EventQueue(1);
          events.forEach(([t, p], k) => q.push(t, p, p, k));
          const expected = events
            .map(([t, p], k) => [t, p, k] as const)
            .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])
            .map(([t, p, k]) => [t, p, k]);
          expect(drain(q)).toEqual(expected);
        },
      ),
    );
  });

  it("interleaves pops and pushes (hold model) in time order", () => {
    const q = new EventQueue(4);
    for (let k = 0; k < 50; k++) q.push((k * 37) % 11, 1, 0, k);
    let last = -1;
    for (let h = 0; h < 500; h++) {
      q.pop();
      expect(q.time).toBeGreaterThanOrEqual(last);
      last = q.time;
      q.push(q.time + ((h * 13) % 7), 1, 0, q.arg);
    }
    expect(q.size).toBe(50);
  });

  it("rejects negative or infinite times and bad priorities", () => {
    const q = new EventQueue();
    expect(() => q.push(-1, 0, 0, 0)).toThrow(/finite and >= 0/);
    expect(() => q.push(Number.POSITIVE_INFINITY, 0, 0, 0)).toThrow(/finite/);
    expect(() => q.push(1, 256, 0, 0)).toThrow(/priority/);
    expect(() => q.push(1, 1.5, 0, 0)).toThrow(/priority/);
  });
});
