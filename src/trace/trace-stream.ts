/**
 * A trace's tasks in time order, streamed: rows are read as they are needed, parsed, scaled and pushed
 * through a small reorder buffer, so memory is bounded by the buffer, never by the file.
 *
 * Per data row r (its ordinal among data rows, from 0):
 *   1. parse (trace-row.ts); a bad row is skipped with its reason and file:line (Reconciliation);
 *   2. time = submit / speed (speed compresses inter-arrival times; durations are kept);
 *   3. copies: for each of the row's `count` tasks j, with f = sample x replicate x loadFactor, floor(f)
 *      copies plus one more with probability frac(f), the draw keyed by (seed, r, j) so every strategy sees
 *      the same tasks and a row's fate does not depend on the rows around it; copy 0 keeps the row's time,
 *      copy c >= 1 arrives u x jitter later (u keyed by (seed, r, j, c));
 *   4. the copies enter a min-heap ordered by (time, arrival order). A task leaves the heap when the heap
 *      holds `window` tasks or more and the last row read is not earlier than it (for a sorted file, no
 *      later row can precede it), or at the end of the file;
 *   5. a task earlier than one already handed out (the file was out of order by more than the window) is
 *      replayed at the time of the last task handed out and reported as reconciled ("out of time order").
 * Reading stops once the next task is past `until` (the horizon): later rows are not read.
 */
import { KeyedRandom } from "../core/keyed-random.ts";
import { LineReader } from "./line-reader.ts";
import { Reconciliation } from "./reconciliation.ts";
import {
  CsvRows,
  formatOf,
  parseNdjson,
  type RowResult,
  type TraceFormat,
  type TraceRow,
} from "./trace-row.ts";

export interface TraceOptions {
  format?: TraceFormat;
  /** Arrival-time compression: 2 replays the submissions twice as fast. Default 1. */
  speed?: number;
  /** Expected copies per row (thinning below 1, replication above). Default 1. */
  factor?: number;
  /** Copies after the first arrive uniformly within this many seconds after the original. Default 60. */
  jitter?: number;
  /** Reorder buffer size in tasks. Default 4096. */
  window?: number;
  /** Stop once tasks are later than this (simulated seconds). */
  until?: number;
  seed?: number;
  /** Name used in file:line references (default the path). */
  label?: string;
  /** Receives every chunk of bytes read (a content hash). */
  hash?: { update(bytes: Uint8Array): unknown };
}

export interface TraceTask {
  time: number;
  row: TraceRow;
  /** Data-row ordinal (from 0) and copy number. */
  ordinal: number;
  copy: number;
  line: number;
}

export const DEFAULT_WINDOW = 4096;
export const DEFAULT_JITTER = 60;

export class TraceStream {
  readonly stats = new Reconciliation();
  /** Unknown CSV columns (ignored) and missing required ones, set after the header. */
  unknownColumns: string[] = [];
  missingColumns: string[] = [];
  private readonly lines: LineReader;
  private readonly format: TraceFormat;
  private csv: CsvRows | undefined;
  private readonly speed: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly window: number;
  private readonly until: number;
  private readonly keyed: KeyedRandom;
  private readonly label: string;
  private heap: TraceTask[] = [];
  private seq: number[] = [];
  private nextSeq = 0;
  private eof = false;
  private lastRead = Number.NEGATIVE_INFINITY;
  private lastOut = Number.NEGATIVE_INFINITY;
  private ordinal = 0;
  /** The largest lateness (seconds) of a task replayed out of order. */
  maxLateSeconds = 0;
  /** Copies handed out. */
  emitted = 0;

  constructor(file: string, options: TraceOptions = {}) {
    this.lines = new LineReader(file, options.hash);
    this.format = options.format ?? formatOf(file);
    this.speed = options.speed ?? 1;
    this.factor = options.factor ?? 1;
    this.jitter = options.jitter ?? DEFAULT_JITTER;
    this.window = options.window ?? DEFAULT_WINDOW;
    this.until = options.until ?? Number.POSITIVE_INFINITY;
    this.keyed = new KeyedRandom(options.seed ?? 1, "trace");
    this.label = options.label ?? file;
  }

  /** The next task in time order, or undefined when the trace (or the window up to `until`) is done. */
  next(): TraceTask | undefined {
    while (!this.eof && (this.heap.length < this.window || this.lastRead < this.heap[0]!.time))
      this.readRow();
    const top = this.pop();
    if (!top) return undefined;
    if (top.time < this.lastOut) {
      this.maxLateSeconds = Math.max(this.maxLateSeconds, this.lastOut - top.time);
      this.stats.adjust("out of time order (replayed late)", `${this.label}:${top.line}`);
      top.time = this.lastOut;
    }
    if (top.time > this.until) {
      this.close();
      return undefined;
    }
    this.lastOut = top.time;
    this.emitted++;
    return top;
  }

  close(): void {
    this.eof = true;
    this.heap = [];
    this.seq = [];
    this.lines.close();
  }

  get bytesRead(): number {
    return this.lines.bytesRead;
  }

  private readRow(): void {
    const text = this.lines.next();
    if (text === undefined) {
      this.eof = true;
      return;
    }
    if (text.trim() === "") return;
    if (this.format === "csv" && !this.csv) {
      this.csv = new CsvRows(text);
      this.unknownColumns = this.csv.unknownColumns;
      this.missingColumns = this.csv.missingColumns();
      return;
    }
    this.stats.rowsRead++;
    const line = this.lines.line;
    const r: RowResult = this.csv ? this.csv.parse(text) : parseNdjson(text);
    if ("skip" in r) {
      this.stats.skip(r.skip, `${this.label}:${line}`);
      return;
    }
    this.stats.tasks++;
    const ordinal = this.ordinal++;
    const time = r.submit / this.speed;
    if (time > this.lastRead) this.lastRead = time;
    const whole = Math.floor(this.factor);
    for (let j = 0; j < r.count; j++) {
      const copies = whole + (this.keyed.uniform(ordinal, j, 0, 0) < this.factor - whole ? 1 : 0);
      for (let c = 0; c < copies; c++) {
        const at = c === 0 ? time : time + this.keyed.uniform(ordinal, j, c, 1) * this.jitter;
        this.push({ time: at, row: r, ordinal, copy: c, line });
      }
    }
  }

  private push(task: TraceTask): void {
    const h = this.heap;
    const s = this.seq;
    let k = h.length;
    h.push(task);
    s.push(this.nextSeq++);
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!less(h[k]!, s[k]!, h[p]!, s[p]!)) break;
      swap(h, s, k, p);
      k = p;
    }
  }

  private pop(): TraceTask | undefined {
    const h = this.heap;
    const s = this.seq;
    if (h.length === 0) return undefined;
    const top = h[0]!;
    const last = h.pop()!;
    const lastSeq = s.pop()!;
    if (h.length > 0) {
      h[0] = last;
      s[0] = lastSeq;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < h.length && less(h[l]!, s[l]!, h[m]!, s[m]!)) m = l;
        if (r < h.length && less(h[r]!, s[r]!, h[m]!, s[m]!)) m = r;
        if (m === k) break;
        swap(h, s, k, m);
        k = m;
      }
    }
    return top;
  }
}

function less(a: TraceTask, sa: number, b: TraceTask, sb: number): boolean {
  return a.time < b.time || (a.time === b.time && sa < sb);
}

function swap(h: TraceTask[], s: number[], a: number, b: number): void {
  const t = h[a]!;
  h[a] = h[b]!;
  h[b] = t;
  const u = s[a]!;
  s[a] = s[b]!;
  s[b] = u;
}
