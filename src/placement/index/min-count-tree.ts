/**
 * A tree over instance ids that answers, in O(1), the smallest key among the instances currently in it and
 * how many instances share that key, and in O(FAN x log n / log FAN) the k-th of those tied instances in id
 * order. Setting one instance's key costs O(log n / log FAN) levels, O(1) per level except where the
 * minimum leaves a node (below), and stops where a node's answer is unchanged.
 *
 * Layout, chosen for few levels and few cache lines per update at 10,000 instances (issue 12): a FAN-ary
 * tree. Level 0 is the keys themselves, `keys[id]` (ABSENT = not in the tree), FAN keys per cache line.
 * Node j of level L >= 1 covers nodes FAN j .. FAN j + FAN - 1 of level L - 1 and stores the pair (smallest
 * key among the ids of its range, how many ids of the range hold it; 0 when all are ABSENT) at node[2p],
 * node[2p + 1], p = off[L] + j. The top level is the root alone, stored first (p = 0). 16,384 ids take 5
 * levels above the keys where the binary tree this replaced took 14, and the levels above the first fit
 * the near caches (level 1 is 32 KiB). That matters because updates usually climb to the root: with keys
 * that tie a lot (binpack's free memory takes 63 values over 10,000 instances in bench/event-cost.ts), an
 * update usually changes the count at the minimum all the way up (72% of the binary tree's did).
 *
 *   Invariant: for every node, (min, count) = (smallest min among its children, sum of the counts of the
 *   children holding that min), where a key's own count is 1, or 0 when it is ABSENT; and bit i of
 *   `present` is set exactly when keys[i] !== ABSENT (so an update that leaves an absent id absent, half
 *   of all updates in bench/event-cost.ts, returns after reading one word of a small, cache-resident bitset).
 *
 * An update moves one child from (ko, no) to (kn, nn) and derives its parent's new (m', c') from the old
 * (m, c) without reading the siblings: kn < m gives (kn, nn); kn === m gives (m, c + nn - no if ko === m,
 * else c + nn); kn > m with ko !== m leaves the parent (and everything above) unchanged; kn > m with ko === m
 * gives (m, c - no) while that is positive, else every holder of the range's minimum left it and the
 * parent re-reads its FAN children.
 *
 * Keys are any finite numbers (float scores of the multi-resource heuristics included; keys equal under
 * `===` are ties, so -0 ties with 0); an absent id holds ABSENT (never counted).
 */
export const ABSENT = Number.POSITIVE_INFINITY;

/** Children per node: 8 keys (one cache line) or 8 (min, count) pairs (two) re-read in one go. */
const FAN_BITS = 3;
const FAN = 1 << FAN_BITS;

export class MinCountTree {
  private readonly size: number;
  /** Level 0: the key of each id. */
  private readonly keys: Float64Array;
  /** Bit i set when keys[i] !== ABSENT. */
  private readonly present: Int32Array;
  /** Levels 1..top, (min, count) pairs, top level first (see the header). */
  private readonly node: Float64Array;
  /** off[L]: index of the first node (pair) of level L in `node`; off[top] = 0. */
  private readonly off: Int32Array;
  private readonly top: number;

  constructor(capacity: number) {
    let size = FAN;
    while (size < capacity) size *= 2;
    this.size = size;
    // Nodes per level: level L has ceil(size / FAN^L), down to one node (the root).
    const widths = [size];
    while (widths[widths.length - 1]! > 1) widths.push(Math.ceil(widths[widths.length - 1]! / FAN));
    this.top = widths.length - 1;
    this.off = new Int32Array(widths.length);
    let pairs = 0;
    for (let L = this.top; L >= 1; L--) {
      this.off[L] = pairs;
      // Room for FAN children of every node of the level above, so a re-read never leaves the level.
      pairs += L === this.top ? 1 : FAN * widths[L + 1]!;
    }
    this.keys = new Float64Array(FAN * widths[1]!).fill(ABSENT);
    this.present = new Int32Array(Math.ceil(this.keys.length / 32));
    this.node = new Float64Array(2 * pairs);
    for (let p = 0; p < pairs; p++) this.node[2 * p] = ABSENT;
  }

  /** Ids this tree can hold. */
  get capacity(): number {
    return this.size;
  }

  /** Smallest key present, or ABSENT when the tree is empty. */
  min(): number {
    return this.node[0]!;
  }

  /** How many ids hold the smallest key (0 when empty). */
  countAtMin(): number {
    return this.node[1]!;
  }

  /** Key of id i (ABSENT = not in the tree). Key must be a finite number. */
  set(i: number, key: number): void {
    // NaN would compare unequal to everything and corrupt every answer above it: refuse it loudly.
    if (Number.isNaN(key)) throw new RangeError(`placement index key of instance ${i} is NaN`);
    const present = this.present;
    const w = i >>> 5;
    const bit = 1 << (i & 31);
    if (key === ABSENT) {
      // Absent before and after: the most common update (a shape that fits neither before nor after), which
      // this answers from the 2 KiB bitset without reading the key's cache line.
      if ((present[w]! & bit) === 0) return;
      present[w]! &= ~bit;
    }
    const keys = this.keys;
    let ko = keys[i]!;
    if (ko === key) return;
    if (ko === ABSENT) present[w]! |= bit;
    keys[i] = key;
    const node = this.node;
    const off = this.off;
    let no = ko === ABSENT ? 0 : 1;
    let kn = key;
    let nn = key === ABSENT ? 0 : 1;
    let j = i;
    for (let L = 1; L <= this.top; L++) {
      j >>= FAN_BITS;
      const p = 2 * (off[L]! + j);
      const m = node[p]!;
      const c = node[p + 1]!;
      let k: number;
      let n: number;
      if (kn < m) {
        k = kn;
        n = nn;
      } else if (kn === m) {
        k = m;
        n = ko === m ? c - no + nn : c + nn;
      } else if (ko !== m) {
        return; // the child neither held nor holds the minimum: this node and those above are unchanged
      } else if (c > no) {
        k = m;
        n = c - no;
      } else {
        // The child held every copy of the minimum and now holds a larger key: re-read the FAN children.
        k = ABSENT;
        n = 0;
        const from = j << FAN_BITS;
        if (L === 1) {
          for (let x = from; x < from + FAN; x++) {
            const y = keys[x]!;
            if (y < k) {
              k = y;
              n = 1;
            } else if (y === k && y !== ABSENT) n++;
          }
        } else {
          const below = 2 * (off[L - 1]! + from);
          for (let q = below; q < below + 2 * FAN; q += 2) {
            const y = node[q]!;
            if (y < k) {
              k = y;
              n = node[q + 1]!;
            } else if (y === k) n += node[q + 1]!;
          }
        }
      }
      if (k === m && n === c) return;
      node[p] = k;
      node[p + 1] = n;
      ko = m;
      no = c;
      kn = k;
      nn = n;
    }
  }

  /** The id at position k (0-based, id order) among the ids holding the smallest key. */
  kthAtMin(k: number): number {
    const node = this.node;
    const target = node[0]!;
    if (target === ABSENT || k < 0 || k >= node[1]!) throw new RangeError(`no tied id at position ${k}`);
    const off = this.off;
    let j = 0; // the node of level L + 1 whose children are searched
    for (let L = this.top - 1; L >= 1; L--) {
      const first = j << FAN_BITS;
      const q0 = 2 * (off[L]! + first);
      j = -1;
      for (let t = 0; t < FAN; t++) {
        const q = q0 + 2 * t;
        if (node[q] === target) {
          const n = node[q + 1]!;
          if (k < n) {
            j = first + t;
            break;
          }
          k -= n;
        }
      }
      if (j < 0) break;
    }
    const keys = this.keys;
    const from = j << FAN_BITS;
    for (let x = from; j >= 0 && x < from + FAN; x++) {
      if (keys[x] === target) {
        if (k === 0) return x;
        k--;
      }
    }
    // Unreachable while the invariant holds (the counts add up): fail loudly rather than loop or misplace.
    throw new Error("MinCountTree: counts disagree with keys");
  }
}
