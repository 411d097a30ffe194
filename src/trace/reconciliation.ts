/**
 * Every row of a trace accounted for: rows read = tasks accepted + rows skipped (by reason), with the
 * file:line of the first few rows of each reason, and the rows that arrived out of time order and were
 * replayed late. Shared by the trace workload (berth validate/run) and the importers (berth import).
 */

/** How many file:line examples to keep per reason. */
export const EXAMPLES = 5;

export interface ReasonCount {
  count: number;
  first: string[];
}

export class Reconciliation {
  rowsRead = 0;
  tasks = 0;
  readonly skipped = new Map<string, ReasonCount>();
  /** Reconciled rows (kept, but changed): reason -> count and examples. */
  readonly adjusted = new Map<string, ReasonCount>();

  skip(reason: string, where: string): void {
    note(this.skipped, reason, where);
  }

  adjust(reason: string, where: string): void {
    note(this.adjusted, reason, where);
  }

  get skippedCount(): number {
    let n = 0;
    for (const r of this.skipped.values()) n += r.count;
    return n;
  }

  /** Plain data, reasons in a stable order (count descending, then name). */
  toJSON(): {
    rowsRead: number;
    tasks: number;
    skipped: Record<string, ReasonCount>;
    adjusted: Record<string, ReasonCount>;
  } {
    return {
      rowsRead: this.rowsRead,
      tasks: this.tasks,
      skipped: ordered(this.skipped),
      adjusted: ordered(this.adjusted),
    };
  }

  /** Lines for a terminal or a text file. */
  lines(title: string): string[] {
    const out = [
      `${title}: ${this.rowsRead.toLocaleString("en-US")} rows read, ${this.tasks.toLocaleString("en-US")} tasks, ${this.skippedCount.toLocaleString("en-US")} skipped`,
    ];
    for (const [reason, r] of Object.entries(ordered(this.skipped)))
      out.push(`  skipped ${r.count.toLocaleString("en-US")} ${reason} (first: ${r.first.join(", ")})`);
    for (const [reason, r] of Object.entries(ordered(this.adjusted)))
      out.push(`  reconciled ${r.count.toLocaleString("en-US")} ${reason} (first: ${r.first.join(", ")})`);
    return out;
  }
}

function note(map: Map<string, ReasonCount>, reason: string, where: string): void {
  let r = map.get(reason);
  if (!r) {
    r = { count: 0, first: [] };
    map.set(reason, r);
  }
  r.count++;
  if (r.first.length < EXAMPLES) r.first.push(where);
}

function ordered(map: Map<string, ReasonCount>): Record<string, ReasonCount> {
  const out: Record<string, ReasonCount> = Object.create(null);
  for (const [k, v] of [...map].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))) out[k] = v;
  return out;
}
