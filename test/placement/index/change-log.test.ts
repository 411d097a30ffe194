import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChangeLog, type LogReader } from "../../../src/placement/index/change-log.ts";

/** The ids a reader would re-examine now: the log's entries from its position to the end. */
function pendingOf(log: ChangeLog, r: LogReader): Set<number> {
  const seen = new Set<number>();
  for (let k = log.offset(r.synced); k < log.offset(log.end); k++) seen.add(log.ids[k]!);
  return seen;
}

describe("ChangeLog", () => {
  it("hands each reader the ids changed since it caught up, and nothing twice in a row", () => {
    const readers: LogReader[] = [
      { synced: 0, stale: false },
      { synced: 0, stale: false },
    ];
    const log = new ChangeLog(() => readers, 64);
    log.append(3);
    log.append(3);
    log.append(5);
    expect([...pendingOf(log, readers[0]!)]).toEqual([3, 5]);
    expect(log.end).toBe(2);
    log.caughtUp(readers[0]!);
    // Reader 0 has read the 5: a new change of 5 must be logged again, or reader 0 would miss it.
    log.append(5);
    expect([...pendingOf(log, readers[0]!)]).toEqual([5]);
    expect([...pendingOf(log, readers[1]!)]).toEqual([3, 5]);
  });

  it("marks a reader stale when it falls more than the window behind, and stays bounded", () => {
    const readers: LogReader[] = [
      { synced: 0, stale: false },
      { synced: 0, stale: false },
    ];
    const log = new ChangeLog(() => readers, 64);
    for (let k = 0; k < 1000; k++) {
      log.append(k % 200);
      if (k % 10 === 0) log.caughtUp(readers[0]!);
    }
    expect(readers[0]!.stale).toBe(false);
    expect(readers[1]!.stale).toBe(true);
    expect(log.ids.length).toBe(128);
    log.caughtUp(readers[1]!);
    expect(readers[1]!.stale).toBe(false);
    expect(pendingOf(log, readers[1]!).size).toBe(0);
  });

  it("never loses a change: a reader not stale has every id changed since it caught up still to read", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 })), {
          maxLength: 600,
        }),
        (window, ops) => {
          const readers: LogReader[] = [0, 1, 2].map(() => ({ synced: 0, stale: false }));
          const log = new ChangeLog(() => readers, window);
          // Model: per reader, the ids changed since it last caught up.
          const dirty = readers.map(() => new Set<number>());
          for (const [what, id] of ops) {
            if (what === 3) {
              log.append(id);
              for (const d of dirty) d.add(id);
              continue;
            }
            const r = readers[what]!;
            if (!r.stale) {
              const pending = pendingOf(log, r);
              for (const id of dirty[what]!) expect(pending.has(id)).toBe(true);
            }
            log.caughtUp(r);
            dirty[what]!.clear();
          }
          expect(log.ids.length).toBe(2 * Math.max(window, 64));
          for (const r of readers)
            if (!r.stale) expect(log.end - r.synced).toBeLessThanOrEqual(log.ids.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
