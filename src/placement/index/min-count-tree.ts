/**
 * A segment tree over instance ids that answers, in O(1), the smallest key among the instances currently
 * in it and how many instances share that key, and in O(log n) the k-th of those tied instances in id
 * order. Setting one instance's key costs O(log n) and stops early where a subtree's answer is unchanged.
 *
 * Node v covers a range of ids and stores (smallest key in the range, number of ids in the range holding
 * it) side by side at node[2v], node[2v + 1], so one update touches one cache line per level. Keys are
 * any finite numbers (float scores of the multi-resource heuristics included; equal keys are ties); an
 * absent id holds ABSENT (never counted). Leaves are nodes size + id; the root is node 1.
 */
export const ABSENT = Number.POSITIVE_INFINITY;

export class MinCountTree {
  private readonly size: number;
  private readonly node: Float64Array;

  constructor(capacity: number) {
    let size = 1;
    while (size < capacity) size *= 2;
    this.size = size;
    this.node = new Float64Array(4 * size);
    for (let v = 0; v < 2 * size; v++) this.node[2 * v] = ABSENT;
  }

  /** Ids this tree can hold. */
  get capacity(): number {
    return this.size;
  }

  /** Smallest key present, or ABSENT when the tree is empty. */
  min(): number {
    return this.node[2]!;
  }

  /** How many ids hold the smallest key (0 when empty). */
  countAtMin(): number {
    return this.node[3]!;
  }

  /** Key of id i (ABSENT = not in the tree). Key must be a finite number. */
  set(i: number, key: number): void {
    // NaN would compare unequal to everything and corrupt every answer above it: refuse it loudly.
    if (Number.isNaN(key)) throw new RangeError(`placement index key of instance ${i} is NaN`);
    const node = this.node;
    let v = this.size + i;
    if (node[2 * v] === key) return;
    node[2 * v] = key;
    node[2 * v + 1] = key === ABSENT ? 0 : 1;
    v >>= 1;
    while (v >= 1) {
      const l = 4 * v; // left child's key; right child's key at l + 2
      const lk = node[l]!;
      const rk = node[l + 2]!;
      let k: number;
      let n: number;
      if (lk < rk) {
        k = lk;
        n = node[l + 1]!;
      } else if (rk < lk) {
        k = rk;
        n = node[l + 3]!;
      } else {
        k = lk;
        n = node[l + 1]! + node[l + 3]!;
      }
      if (node[2 * v] === k && node[2 * v + 1] === n) return;
      node[2 * v] = k;
      node[2 * v + 1] = n;
      v >>= 1;
    }
  }

  /** The id at position k (0-based, id order) among the ids holding the smallest key. */
  kthAtMin(k: number): number {
    const node = this.node;
    const target = node[2]!;
    if (target === ABSENT || k < 0 || k >= node[3]!) throw new RangeError(`no tied id at position ${k}`);
    let v = 1;
    while (v < this.size) {
      const l = 2 * v;
      if (node[2 * l] === target) {
        const n = node[2 * l + 1]!;
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
