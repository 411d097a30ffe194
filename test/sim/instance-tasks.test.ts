import { describe, expect, it } from "vitest";
import { InstanceTasks } from "../../src/sim/instance-tasks.ts";

describe("InstanceTasks", () => {
  it("lists the tasks on each instance, newest first, after adds and removes", () => {
    const t = new InstanceTasks();
    t.add(0, 1);
    t.add(1, 1);
    t.add(2, 0);
    t.add(3, 1);
    t.remove(1, 1);
    expect(t.on(1)).toEqual([3, 0]);
    expect(t.on(0)).toEqual([2]);
    t.remove(3, 1);
    t.remove(0, 1);
    expect(t.on(1)).toEqual([]);
    expect(t.on(7)).toEqual([]);
  });

  it("grows past its initial capacity", () => {
    const t = new InstanceTasks();
    for (let id = 0; id < 3000; id++) t.add(id, id % 40);
    expect(t.on(39)).toHaveLength(75);
    expect(t.on(39)[0]).toBe(2999);
  });

  it("without tracking, adds and removes are no-ops and asking for tasks is an error", () => {
    const t = new InstanceTasks(false);
    t.add(0, 1);
    t.remove(0, 1);
    expect(() => t.on(1)).toThrow(/does not track/);
  });
});
