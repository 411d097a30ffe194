/**
 * Count buckets: the chain index's structure for a chain whose only instance-local step ranks by a small
 * non-negative integer (spread by instance: the task group's count on the instance; or no local step at
 * all, key 0). It replaces one segment tree per cell, whose every count change climbed to the root (ties
 * are the rule under spread, so the count at the minimum changes at every level), by:
 *
 *   - per instance its key (Int32Array, -1 = absent: the shape does not fit it);
 *   - per cell (chain-index.ts), per key value present in the cell, the set of the cell's instances holding
 *     that key: an IdSet, a bitset over instance ids with block counts in a Fenwick tree;
 *   - per cell the smallest key present and the number of instances holding it.
 *
 *   Invariant: instance i is in exactly the bucket (cell of i, keys[i]) when keys[i] >= 0 and in no bucket
 *   otherwise; cell.min is the smallest value whose bucket is non-empty (-1 when the cell has none), and a
 *   bucket exists (is allocated) only while it is non-empty.
 *
 * A key change moves i between two buckets: two bit flips and two Fenwick walks over blocks of 256 ids
 * (O(log(n / 256)), a few hundred bytes per bucket, cache resident), plus, when the minimum's bucket
 * empties, a scan up to the next non-empty value. selectAcross picks the k-th id in id order over several
 * buckets (disjoint sets: the tied cells' minimum buckets), exactly as kthAtMinAcross does over trees, so
 * the draw picks the scan's instance. Memory: about capacity / 7 bytes per live bucket; an entry with more
 * than MAX_BUCKETS live buckets (a key spread over many values) is handed back to the trees by the caller.
 */

const BLOCK_SHIFT = 8; // 256 ids per Fenwick block
const WORDS_PER_BLOCK = 1 << (BLOCK_SHIFT - 5);

/** Live buckets per entry beyond which the chain index goes back to its trees for that entry. */
export const MAX_BUCKETS = 256;

/** A set of instance ids below `capacity`, with rank information per block of 256 ids. */
export class IdSet {
  readonly words: Int32Array;
  /** Fenwick tree over blocks, 1-based: fen[j] counts the ids of blocks (j - lowbit(j), j]. */
  readonly fen: Int32Array;
  readonly blocks: number;
  size = 0;

  constructor(capacity: number) {
    this.blocks = Math.max(1, Math.ceil(capacity / (1 << BLOCK_SHIFT)));
    this.words = new Int32Array(this.blocks * WORDS_PER_BLOCK);
    this.fen = new Int32Array(this.blocks + 1);
  }

  add(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
    this.size++;
    const fen = this.fen;
    const n = this.blocks;
    for (let j = (i >>> BLOCK_SHIFT) + 1; j <= n; j += j & -j) fen[j]!++;
  }

  remove(i: number): void {
    this.words[i >>> 5]! &= ~(1 << (i & 31));
    this.size--;
    const fen = this.fen;
    const n = this.blocks;
    for (let j = (i >>> BLOCK_SHIFT) + 1; j <= n; j += j & -j) fen[j]!--;
  }

  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Position of the k-th set bit (0-based, from the lowest) of a 32-bit word holding more than k bits. */
function nthBit(x: number, k: number): number {
  let pos = 0;
  let n = popcount(x & 0xffff);
  if (k >= n) {
    k -= n;
    x >>>= 16;
    pos = 16;
  }
  n = popcount(x & 0xff);
  if (k >= n) {
    k -= n;
    x >>>= 8;
    pos += 8;
  }
  for (; k > 0; k--) x &= x - 1;
  return pos + 31 - Math.clz32(x & -x);
}

/**
 * The id at position k (0-based, id order) in the union of the first `count` sets of `sets` (disjoint, same
 * capacity); 0 <= k < the sum of their sizes.
 */
export function selectAcross(sets: readonly IdSet[], count: number, k: number): number {
  const blocks = sets[0]!.blocks;
  let pos = 0;
  for (let step = 1 << (31 - Math.clz32(blocks)); step > 0; step >>= 1) {
    const next = pos + step;
    if (next > blocks) continue;
    let n = 0;
    for (let t = 0; t < count; t++) n += sets[t]!.fen[next]!;
    if (n <= k) {
      pos = next;
      k -= n;
    }
  }
  // The k-th id lies in block `pos` (0-based).
  const end = (pos + 1) * WORDS_PER_BLOCK;
  for (let w = pos * WORDS_PER_BLOCK; w < end; w++) {
    let x = 0;
    for (let t = 0; t < count; t++) x |= sets[t]!.words[w]!;
    const n = popcount(x);
    if (k < n) return w * 32 + nthBit(x, k);
    k -= n;
  }
  throw new RangeError(`no id at position ${k} of the union`);
}

interface Cell {
  /** Bucket per key value, undefined while empty. */
  byValue: (IdSet | undefined)[];
  /** Smallest key with a non-empty bucket, -1 when none. */
  min: number;
}

/** Count buckets of one (shape, group) entry of the chain index, over `cells` cells. */
export class CountBuckets {
  /** Key per instance id, -1 when absent. */
  readonly keys: Int32Array;
  private readonly cells: Cell[] = [];
  private live = 0;
  private readonly pool: IdSet[] = [];

  constructor(private readonly capacity: number) {
    this.keys = new Int32Array(capacity).fill(-1);
  }

  /** Smallest key present in cell c, -1 when the cell holds no instance. */
  min(c: number): number {
    const cell = this.cells[c];
    return cell === undefined ? -1 : cell.min;
  }

  /** The bucket of cell c's smallest key (only when min(c) >= 0). */
  minSet(c: number): IdSet {
    const cell = this.cells[c]!;
    return cell.byValue[cell.min]!;
  }

  /** Live (non-empty) buckets over all cells. */
  get liveBuckets(): number {
    return this.live;
  }

  /** Sets instance i (of cell c) to key v (a non-negative integer, or -1: absent). */
  set(i: number, c: number, v: number): void {
    const old = this.keys[i]!;
    if (old === v) return;
    this.keys[i] = v;
    let cell = this.cells[c];
    if (cell === undefined) {
      while (this.cells.length <= c) this.cells.push({ byValue: [], min: -1 });
      cell = this.cells[c]!;
    }
    if (old >= 0) {
      const from = cell.byValue[old]!;
      from.remove(i);
      if (from.size === 0) {
        cell.byValue[old] = undefined;
        this.pool.push(from);
        this.live--;
        if (old === cell.min) cell.min = nextLive(cell, old + 1);
      }
    }
    if (v >= 0) {
      let to = cell.byValue[v];
      if (to === undefined) {
        to = this.pool.pop() ?? new IdSet(this.capacity);
        while (cell.byValue.length <= v) cell.byValue.push(undefined);
        cell.byValue[v] = to;
        this.live++;
      }
      to.add(i);
      if (cell.min < 0 || v < cell.min) cell.min = v;
    }
  }
}

function nextLive(cell: Cell, from: number): number {
  const byValue = cell.byValue;
  for (let v = from; v < byValue.length; v++) if (byValue[v] !== undefined) return v;
  return -1;
}
