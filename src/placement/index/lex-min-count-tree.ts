/**
 * MinCountTree with tuple keys: a segment tree over instance ids whose key of an id is a tuple of `width`
 * numbers compared lexicographically (what a chain of several instance-local steps ranks by). It answers
 * in O(width) the smallest tuple present and how many ids hold it, and in O(log n) the k-th of those ids in
 * id order; setting one id costs O(width x log n) and stops climbing where a subtree's answer is unchanged.
 *
 * Invariant: node v (root 1, leaves size + id) holds the lexicographically smallest tuple among the ids of
 * its range at keys[v * width ...] and the number of ids of the range holding exactly that tuple at
 * counts[v]. An absent id holds a tuple of ABSENT (+Infinity) with count 0, so it never adds to a count.
 *
 * `kthAtMinAcross` descends several trees of one size at once: the k-th id in id order among the ids that
 * hold a given tuple in any of them (the trees hold disjoint sets of ids). The chain index uses it to pick
 * among tied instances that live in different attribute cells (chain-index.ts).
 */
import { ABSENT } from "./min-count-tree.ts";

export class LexMinCountTree {
  readonly size: number;
  readonly keys: Float64Array;
  readonly counts: Float64Array;

  constructor(
    capacity: number,
    readonly width: number,
  ) {
    let size = 1;
    while (size < capacity) size *= 2;
    this.size = size;
    this.keys = new Float64Array(2 * size * width).fill(ABSENT);
    this.counts = new Float64Array(2 * size);
  }

  /** Ids at the smallest tuple (0 when the tree is empty). */
  countAtMin(): number {
    return this.counts[1]!;
  }

  /** Component j of the smallest tuple (ABSENT when empty). */
  minKey(j: number): number {
    return this.keys[this.width + j]!;
  }

  /** Removes id i (the task's shape does not fit it). */
  setAbsent(i: number): void {
    const w = this.width;
    const leaf = this.size + i;
    if (this.counts[leaf] === 0) return;
    this.keys.fill(ABSENT, leaf * w, leaf * w + w);
    this.counts[leaf] = 0;
    this.climb(leaf >> 1);
  }

  /** Sets id i's tuple (the first `width` entries of `tuple`; no NaN). */
  set(i: number, tuple: ArrayLike<number>): void {
    const w = this.width;
    const keys = this.keys;
    const leaf = this.size + i;
    const base = leaf * w;
    let same = this.counts[leaf] === 1;
    for (let j = 0; j < w; j++) {
      const k = tuple[j]!;
      if (Number.isNaN(k)) throw new RangeError(`placement index key of instance ${i} is NaN`);
      if (keys[base + j] !== k) same = false;
      keys[base + j] = k;
    }
    if (same) return;
    this.counts[leaf] = 1;
    this.climb(leaf >> 1);
  }

  private climb(from: number): void {
    const w = this.width;
    const keys = this.keys;
    const counts = this.counts;
    for (let v = from; v >= 1; v >>= 1) {
      const l = 2 * v;
      const r = l + 1;
      let c = 0; // -1: left smaller, 1: right smaller, 0: equal
      for (let j = 0; j < w; j++) {
        const a = keys[l * w + j]!;
        const b = keys[r * w + j]!;
        if (a < b) {
          c = -1;
          break;
        }
        if (b < a) {
          c = 1;
          break;
        }
      }
      const src = c > 0 ? r : l;
      const n = c < 0 ? counts[l]! : c > 0 ? counts[r]! : counts[l]! + counts[r]!;
      let changed = counts[v] !== n;
      for (let j = 0; j < w; j++) {
        const k = keys[src * w + j]!;
        if (keys[v * w + j] !== k) {
          keys[v * w + j] = k;
          changed = true;
        }
      }
      if (!changed) return;
      counts[v] = n;
    }
  }

  /** Whether node v's smallest tuple equals the root's. */
  holdsMin(v: number): boolean {
    const w = this.width;
    for (let j = 0; j < w; j++) if (this.keys[v * w + j] !== this.keys[w + j]) return false;
    return true;
  }

  /** The id at position k (0-based, id order) among the ids holding the smallest tuple. */
  kthAtMin(k: number): number {
    if (k < 0 || k >= this.counts[1]!) throw new RangeError(`no tied id at position ${k}`);
    let v = 1;
    while (v < this.size) {
      const l = 2 * v;
      if (this.holdsMin(l)) {
        const n = this.counts[l]!;
        if (k < n) {
          v = l;
          continue;
        }
        k -= n;
      }
      v = l + 1;
    }
    return v - this.size;
  }
}

/**
 * The id at position k (0-based, id order) among the ids holding their tree's smallest tuple, over the
 * first `count` trees of `trees` (same size, disjoint ids). The caller passes only trees whose smallest
 * tuples are equal and counts k over the sum of their countAtMin().
 */
export function kthAtMinAcross(trees: readonly LexMinCountTree[], count: number, k: number): number {
  const size = trees[0]!.size;
  let v = 1;
  while (v < size) {
    const l = 2 * v;
    let n = 0;
    for (let t = 0; t < count; t++) {
      const tree = trees[t]!;
      if (tree.holdsMin(l)) n += tree.counts[l]!;
    }
    if (k < n) {
      v = l;
      continue;
    }
    k -= n;
    v = l + 1;
  }
  return v - size;
}
