/** Downsampling the packing heatmap: bounded rows, sections kept apart, every instance in one row. */
import { describe, expect, it } from "vitest";
import { createStream } from "../../src/core/random.ts";
import { apportion, rowBlocks } from "../../src/metrics/packing-grid.ts";

/** `sizes[k]` instances in section k (group k / 2, zone k % 2), in order. */
function instances(sizes: number[]) {
  const out: { index: number; section: number }[] = [];
  sizes.forEach((n, section) => {
    for (let k = 0; k < n; k++) out.push({ index: out.length, section });
  });
  const labels = {
    groupIndex: (i: number) => Math.floor(out[i]!.section / 2),
    zone: (i: number) => `z${out[i]!.section % 2}`,
  };
  return { out, labels };
}

describe("apportion", () => {
  it("gives rows in proportion to section sizes, largest remainders first", () => {
    expect(apportion([30, 10], 4)).toEqual([3, 1]);
    expect(apportion([5, 5, 5], 10)).toEqual([4, 3, 3]);
    expect(apportion([98, 1, 1], 3)).toEqual([1, 1, 1]);
  });

  it("never gives a section more rows than instances, nor fewer than one", () => {
    expect(apportion([100, 2], 40)).toEqual([39, 1]);
    expect(apportion([3, 200], 40)).toEqual([1, 39]);
    expect(apportion([1, 1, 200], 40)).toEqual([1, 1, 38]);
  });
});

describe("row blocks", () => {
  it("keeps one row per instance up to the bound", () => {
    const { out, labels } = instances([3, 4]);
    expect(rowBlocks(out, labels, 7).map((b) => b.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it("stays within the bound, covers every instance once in order, and never mixes sections", () => {
    const random = createStream(11, "packing-grid-test");
    for (let trial = 0; trial < 300; trial++) {
      const sections = 1 + Math.floor(random() * 12);
      const sizes = Array.from({ length: sections }, () => 1 + Math.floor(random() * 60));
      const maxRows = 1 + Math.floor(random() * 40);
      const { out, labels } = instances(sizes);
      const blocks = rowBlocks(out, labels, maxRows);
      expect(blocks.length).toBeLessThanOrEqual(maxRows);
      expect(blocks.every((b) => b.length > 0)).toBe(true);
      expect(blocks.flat().map((x) => x.index)).toEqual(out.map((x) => x.index));
      if (out.length > maxRows && sections <= maxRows) {
        expect(blocks).toHaveLength(maxRows);
        for (const b of blocks) expect(new Set(b.map((x) => x.section)).size).toBe(1);
      }
      // Block sizes within a section differ by at most one.
      const bySection = new Map<number, number[]>();
      for (const b of blocks) {
        const list = bySection.get(b[0]!.section) ?? [];
        list.push(b.length);
        bySection.set(b[0]!.section, list);
      }
      if (sections <= maxRows)
        for (const list of bySection.values())
          expect(Math.max(...list) - Math.min(...list)).toBeLessThanOrEqual(1);
    }
  });

  it("cuts the ordered instances into equal blocks when sections outnumber rows", () => {
    const { out, labels } = instances([2, 2, 2, 2, 2]);
    expect(rowBlocks(out, labels, 3).map((b) => b.length)).toEqual([4, 3, 3]);
  });
});
