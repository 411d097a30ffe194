/**
 * The instances changed since each reader (one per-shape tree of an index) last caught up: what lets an
 * index keep one tree per task shape without touching every tree on every reserve and release.
 *
 * A change appends the instance id, O(1) whatever the number of readers. A reader remembers the absolute
 * position `synced` it has applied the log up to; when it is asked for, it re-examines the instances logged
 * after `synced` (an instance logged several times is re-examined once per entry, which costs one key
 * compare for the repeats) and moves `synced` to `end`.
 *
 *   Invariant (for each reader not marked stale): every instance whose state changed after the reader last
 *   examined it is logged at a position >= reader.synced. A stale reader knows nothing and must rebuild
 *   from every instance before it is used again.
 *
 * Compaction keeps the log at most `2 x window` entries: when it is full, readers more than `window`
 * entries behind are marked stale (re-examining more instances than a rebuild visits would cost more than
 * the rebuild), and the entries every remaining reader has applied are dropped. An entry equal to the last
 * one is not appended again while no reader has caught up past it.
 */
export interface LogReader {
  /** Absolute log position this reader has applied up to. */
  synced: number;
  /** True when the reader fell too far behind and must rebuild before use. */
  stale: boolean;
}

export class ChangeLog {
  /** Entries; ids[k] is at absolute position base + k. */
  ids: Int32Array;
  private base = 0;
  private length = 0;
  /** End position of the latest catch-up: entries before it may have been read. */
  private readUpTo = 0;

  constructor(
    private readonly readers: () => readonly LogReader[],
    private window: number,
  ) {
    this.ids = new Int32Array(2 * Math.max(window, 64));
  }

  /** Absolute position after the last entry: a reader at `end` is up to date. */
  get end(): number {
    return this.base + this.length;
  }

  /** Offset in `ids` of absolute position p (valid for base <= p <= end). */
  offset(p: number): number {
    return p - this.base;
  }

  append(i: number): void {
    const n = this.length;
    if (n > 0 && this.ids[n - 1] === i && this.readUpTo < this.base + n) return;
    if (n === this.ids.length) this.compact();
    this.ids[this.length++] = i;
  }

  /** Marks `reader` up to date (after it applied every entry from reader.synced to end). */
  caughtUp(reader: LogReader): void {
    reader.synced = this.end;
    reader.stale = false;
    this.readUpTo = this.end;
  }

  /** Forgets every entry (the readers are being rebuilt, or a new reader set starts). */
  clear(window = this.window): void {
    this.base += this.length;
    this.length = 0;
    this.readUpTo = this.base;
    this.window = window;
    if (this.ids.length < 2 * window) this.ids = new Int32Array(2 * window);
  }

  private compact(): void {
    const end = this.end;
    let keepFrom = end;
    for (const r of this.readers()) {
      if (r.stale) continue;
      if (r.synced < end - this.window) r.stale = true;
      else if (r.synced < keepFrom) keepFrom = r.synced;
    }
    const drop = keepFrom - this.base;
    this.ids.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.base = keepFrom;
  }
}
