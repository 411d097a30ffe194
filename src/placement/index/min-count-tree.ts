/**
 * A segment tree over instance ids that answers, in O(1), the smallest key among the instances currently
 * in it and how many instances share that key, and in O(log n) the k-th of those tied instances in id
 * order. Setting one instance's key costs O(log n) and stops early where a subtree's answer is unchanged.
 *
 * Node v covers a range of ids; minKey[v] is the smallest key in that range and tied[v] the number of ids in
 * the range holding it. An id that is absent holds ABSENT (never counted). Leaves are at size + id.
 */
export const ABSENT = 0x7fffffff;

export class MinCountTree {
  private size: number;
  private minKey: Int32Array;
  private tied: Int32Array;

  constructor(capacity: number) {
    this.size = 1;
    while (this.size < capacity) this.size *= 2;
    this.minKey = new Int32Array(2 * this.size).fill(ABSENT);
    this.tied = new Int32Array(2 * this.size);
  }

  /** Ids this tree can hold without growing. */
  get capacity(): number {
    return this.size;
  }

  /** Smallest key present, or ABSENT when the tree is empty. */
  min(): number {
    return this.minKey[1]!;
  }

  /** How many ids hold the smallest key (0 when empty). */
  countAtMin(): number {
    return this.tied[1]!;
  }

  /** Key of id i (ABSENT = not in the tree). Key must be an int32 below ABSENT. */
  set(i: number, key: number): void {
    let v = this.size + i;
    if (this.minKey[v] === key) return;
    this.minKey[v] = key;
    this.tied[v] = key === ABSENT ? 0 : 1;
    const minKey = this.minKey;
    const tied = this.tied;
    v >>= 1;
    while (v >= 1) {
      const l = 2 * v;
      const lk = minKey[l]!;
      const rk = minKey[l + 1]!;
      let k: number;
      let n: number;
      if (lk < rk) {
        k = lk;
        n = tied[l]!;
      } else if (rk < lk) {
        k = rk;
        n = tied[l + 1]!;
      } else {
        k = lk;
        n = tied[l]! + tied[l + 1]!;
      }
      if (minKey[v] === k && tied[v] === n) return;
      minKey[v] = k;
      tied[v] = n;
      v >>= 1;
    }
  }

  /** The id at position k (0-based, id order) among the ids holding the smallest key. */
  kthAtMin(k: number): number {
    const minKey = this.minKey;
    const tied = this.tied;
    const target = minKey[1]!;
    if (target === ABSENT || k < 0 || k >= tied[1]!) throw new RangeError(`no tied id at position ${k}`);
    let v = 1;
    while (v < this.size) {
      const l = 2 * v;
      if (minKey[l] === target) {
        if (k < tied[l]!) {
          v = l;
          continue;
        }
        k -= tied[l]!;
      }
      v = l + 1;
    }
    return v - this.size;
  }
}
