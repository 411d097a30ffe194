import { describe, expect, it } from "vitest";
import { atLeast, Float64Buffer, grown, IdSet } from "../../src/core/growable.ts";

describe("grown", () => {
  it("copies into a larger array of the same type, the rest zero", () => {
    const a = Int32Array.from([3, -1, 7]);
    const b = grown(a, 6);
    expect(b).toBeInstanceOf(Int32Array);
    expect([...b]).toEqual([3, -1, 7, 0, 0, 0]);
    expect(a.length).toBe(3);
  });

  it("copies a window (a subarray) to the front of the new array", () => {
    const a = Int32Array.from([9, 9, 4, 5, 9]);
    expect([...grown(a.subarray(2, 4), 4)]).toEqual([4, 5, 0, 0]);
  });
});

describe("atLeast", () => {
  it("keeps an array that is large enough, else gives a new one of its kind, at least twice as long", () => {
    const a = new Uint8Array(8);
    expect(atLeast(a, 8)).toBe(a);
    const b = atLeast(a, 9);
    expect(b).toBeInstanceOf(Uint8Array);
    expect(b.length).toBe(16);
    expect(atLeast(new Float64Array(2), 100).length).toBe(100);
  });
});

describe("IdSet", () => {
  it("keeps each id once in insertion order, grows past its capacity and clears what it holds", () => {
    const s = new IdSet();
    for (const i of [5, 2, 5, 1000, 2]) s.add(i);
    expect(s.size).toBe(3);
    expect([...s.list.subarray(0, s.size)]).toEqual([5, 2, 1000]);
    expect(s.has(1000)).toBe(true);
    expect(s.has(3)).toBe(false);
    s.clear();
    expect(s.size).toBe(0);
    expect(s.has(5)).toBe(false);
    s.add(5);
    expect([...s.list.subarray(0, s.size)]).toEqual([5]);
  });
});

describe("Float64Buffer", () => {
  it("doubles when full and returns a copy of what was pushed", () => {
    const b = new Float64Buffer(2);
    for (let k = 0; k < 5; k++) b.push(k / 2);
    expect([...b.toArray()]).toEqual([0, 0.5, 1, 1.5, 2]);
  });
});
