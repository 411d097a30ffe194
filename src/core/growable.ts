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
