/** An append-only Float64 buffer that doubles when full (per-run samples without per-value allocation). */
export class Float64Buffer {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 256) {
    this.data = new Float64Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  /** A copy of the values pushed so far. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

type TypedArray = Int32Array | Uint8Array | Float64Array;

/** A copy of `a` with room for `capacity` elements (the rest zero): how the per-id tables grow. */
export function grown<T extends TypedArray>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

/**
 * `a` when it holds at least `n` elements, else a new zeroed array of its kind with room for at least `n`
 * (twice the old length when that is more). For scratch space: the contents are not kept.
 */
export function atLeast<T extends TypedArray>(a: T, n: number): T {
  return a.length >= n ? a : new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
}

/**
 * A set of small non-negative integer ids (instance ids) that remembers insertion order and clears in
 * O(size): a mark per id and a list of the ids added. Grows with the largest id.
 */
export class IdSet {
  private mark = new Uint8Array(16);
  /** The ids in insertion order; entries past `size` are stale. */
  list = new Int32Array(16);
  size = 0;

  add(i: number): void {
    if (i >= this.mark.length) {
      const capacity = Math.max(this.mark.length * 2, i + 1);
      this.mark = grown(this.mark, capacity);
      this.list = grown(this.list, capacity);
    }
    if (this.mark[i] === 1) return;
    this.mark[i] = 1;
    this.list[this.size++] = i;
  }

  has(i: number): boolean {
    return this.mark[i] === 1;
  }

  clear(): void {
    for (let k = 0; k < this.size; k++) this.mark[this.list[k]!] = 0;
    this.size = 0;
  }
}
