import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PendingQueue } from "../../src/sim/pending-queue.ts";

describe("PendingQueue", () => {
  it("offers tasks oldest first across classes and removes the placed ones", () => {
    const q = new PendingQueue();
    q.push(1, 0);
    q.push(2, 1);
    q.push(3, 0);
    q.push(4, 2);
    const offered: number[] = [];
    q.retain((id) => {
      offered.push(id);
      return id % 2 === 0;
    });
    // 1 refused blocks class 0 (so 3 is never offered); 2 and 4 are placed.
    expect(offered).toEqual([1, 2, 4]);
    expect(q.length).toBe(2);
    const left: number[] = [];
    q.retain((id) => {
      left.push(id);
      return true;
    });
    expect(left).toEqual([1, 3]);
    expect(q.length).toBe(0);
  });

  it("matches a plain FIFO scan whenever refusals are monotone within a class", () => {
    // Reference: a flat FIFO list where each class accepts its first `budget[c]` offers of a pass and
    // refuses the rest (capacity only shrinks during a pass, so this is the situation the queue assumes).
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 300 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }), { maxLength: 6 }),
        (classes, passes) => {
          const q = new PendingQueue();
          let reference = classes.map((c, id) => ({ id, c }));
          classes.forEach((c, id) => q.push(id, c));
          for (const budget of passes) {
            const left = [...budget];
            const placedRef: number[] = [];
            reference = reference.filter(({ id, c }) => {
              if (left[c]! > 0) {
                left[c]!--;
                placedRef.push(id);
                return false;
              }
              left[c] = -1;
              return true;
            });
            const quota = [...budget];
            const placed: number[] = [];
            q.retain((id) => {
              const c = classes[id]!;
              if (quota[c]! > 0) {
                quota[c]!--;
                placed.push(id);
                return true;
              }
              return false;
            });
            expect(placed).toEqual(placedRef);
            expect(q.length).toBe(reference.length);
          }
        },
      ),
    );
  });

  it("keeps order through growth and compaction", () => {
    const q = new PendingQueue();
    let next = 0;
    const expected: number[] = [];
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 40; k++) {
        expected.push(next);
        q.push(next++, 0);
      }
      let taken = 0;
      q.retain(() => taken++ < 30);
      expected.splice(0, 30);
    }
    const rest: number[] = [];
    q.retain((id) => {
      rest.push(id);
      return true;
    });
    expect(rest).toEqual(expected);
  });
});

describe("PendingQueue with reused task slots", () => {
  it("orders by submission order, not by slot", () => {
    const q = new PendingQueue();
    // Slots 9, 2, 5 submitted in that order (2 and 5 are reused slots).
    q.push(9, 0, 10);
    q.push(2, 1, 11);
    q.push(5, 0, 12);
    const seen: number[] = [];
    q.forEach((id) => seen.push(id));
    expect(seen).toEqual([9, 2, 5]);
    const offered: number[] = [];
    q.retain((id) => {
      offered.push(id);
      return true;
    });
    expect(offered).toEqual([9, 2, 5]);
  });
});
