import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/core/event-queue.ts";
import { END_EVENT_LAYOUT, TaskState, TaskTable } from "../../src/model/task-table.ts";

describe("TaskTable", () => {
  it("without recycling gives slot = public id and ignores free()", () => {
    const t = new TaskTable();
    const a = t.add(0, 0, 0, 0, 1);
    t.free(a);
    const b = t.add(1, 0, 0, 1, 1);
    expect([a, b]).toEqual([0, 1]);
    expect([t.serial(a), t.serial(b)]).toEqual([0, 1]);
    expect(t.count).toBe(2);
  });

  it("with recycling reuses freed slots (last freed first), resets them and keeps public ids in submission order", () => {
    const t = new TaskTable();
    t.recycling = true;
    const ids = Array.from({ length: 3 }, (_, k) => t.add(k, k, 0, k, 10));
    t.setState(ids[0]!, TaskState.Stopped);
    t.setInstance(ids[0]!, 7);
    t.setPlacementClass(ids[0]!, 3);
    t.free(ids[0]!);
    t.free(ids[2]!);
    const d = t.add(5, 1, 2, 4, 20);
    const e = t.add(6, 1, 2, 5, 20);
    expect([d, e]).toEqual([ids[2], ids[0]]);
    expect([t.serial(d), t.serial(e)]).toEqual([3, 4]);
    expect([t.state(e), t.instance(e), t.placementClass(e), t.shape(e)]).toEqual([
      TaskState.Pending,
      -1,
      -1,
      6,
    ]);
    expect(t.count).toBe(3);
    expect(t.submitted).toBe(5);
  });

  it("with recycling needs no more slots than tasks alive at once, through growth", () => {
    const t = new TaskTable();
    t.recycling = true;
    const alive: number[] = [];
    for (let k = 0; k < 20_000; k++) {
      alive.push(t.add(0, 0, 0, k, 1));
      if (alive.length > 1500) t.free(alive.splice(k % alive.length, 1)[0]!);
    }
    expect(t.count).toBe(1501);
    expect(t.submitted).toBe(20_000);
    expect(new Set(alive).size).toBe(alive.length);
  });

  it("keeps a queued end in the record: its words are the queue's, guarded until the slot is reused", () => {
    const t = new TaskTable();
    t.recycling = true;
    const a = t.add(1, 2, 3, 5, 40);
    const q = new EventQueue(16, 1);
    q.useRecords(t, END_EVENT_LAYOUT, 9, 10);
    q.push(0, 0, 1, 0);
    q.push(1, 0, 1, 0);
    expect([t.submittedAt(a), t.duration(a)]).toEqual([5, 40]);
    q.pushRecord(45, 10, 9, a);
    // Linked: submittedAt and duration now hold the event; reading them or freeing the slot throws.
    expect(() => t.submittedAt(a)).toThrow(/submittedAt read after its end was queued/);
    expect(() => t.duration(a)).toThrow(/duration read after/);
    expect(() => t.free(a)).toThrow(/freed while its end event is queued/);
    // The other fields are untouched.
    expect([t.shape(a), t.source(a), t.group(a), t.serial(a), t.state(a)]).toEqual([
      1,
      2,
      3,
      0,
      TaskState.Pending,
    ]);
    const popped: number[] = [];
    while (q.pop()) popped.push(q.arg);
    expect(popped).toEqual([0, 0, a]);
    // In the heap now: the slot may be freed; reuse gives clean fields.
    t.free(a);
    const b = t.add(4, 5, 6, 50, 7);
    expect(b).toBe(a);
    expect([t.submittedAt(b), t.duration(b), t.shape(b)]).toEqual([50, 7, 4]);
  });
});
