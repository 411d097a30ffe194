/**
 * What every importer produces: the cluster (instance types and groups), the observed tasks in berth's
 * trace format, and the accounting of every input row (Reconciliation) plus counts of input events by type.
 * write-import.ts turns it into a scenario YAML, a gzip trace beside it and a reconciliation file.
 */
import { KeyedRandom } from "../core/keyed-random.ts";
import { Reconciliation } from "../trace/reconciliation.ts";
import type { TraceRow } from "../trace/trace-row.ts";

export interface ImportedType {
  name: string;
  cpu: number;
  memory: number;
  gpu?: number;
  /** Attributes every instance of the type carries (e.g. the GPU model). */
  attributes?: Record<string, string>;
}

export interface ImportedGroup {
  type: string;
  count: number;
  zone?: string;
  attributes?: Record<string, string>;
}

export interface ImportOptions {
  /** Window on the trace's own clock, seconds; scenario time 0 is `from` (default: the first task). */
  from?: number;
  to?: number;
  /** Keep this share of tasks (deterministic, keyed by task ordinal and seed). */
  sample?: number;
  seed?: number;
  /** Reference machine for normalized traces: CPU units and MiB of a machine whose size is 1.0 (or 100). */
  referenceCpu?: number;
  referenceMemory?: number;
  /** Machines of the reference type when the trace has no machine table (default: sized from peak demand). */
  machines?: number;
}

/**
 * What every importer keeps while it reads, whatever the format: the accounting of every input row (stats),
 * the input events counted by type, and the imported tasks, collected then sorted by submit time (memory:
 * one small object per task). `result` assembles the ImportResult from them.
 */
export class ImportLedger {
  readonly stats = new Reconciliation();
  /** Input events or records by type (ImportResult.events). */
  readonly events = new Map<string, number>();
  readonly tasks: TraceRow[] = [];
  private ordinal = 0;
  private readonly keyed: KeyedRandom;
  private inOrder: TraceRow[] | undefined;

  constructor(private readonly options: ImportOptions) {
    this.keyed = new KeyedRandom(options.seed ?? 1, "import-sample");
  }

  /** Counts one input event or record of `type`. */
  count(type: string): void {
    this.events.set(type, (this.events.get(type) ?? 0) + 1);
  }

  /** Adds a task whose submit time is on the trace's clock (seconds); false when the window or sample drops it. */
  add(row: TraceRow, where: string): boolean {
    const o = this.options;
    if (o.to !== undefined && row.submit >= o.to) {
      this.stats.skip("after --to", where);
      return false;
    }
    if (o.from !== undefined && row.submit < o.from) {
      const end = row.submit + row.duration;
      if (end <= o.from) {
        this.stats.skip("ended before --from", where);
        return false;
      }
      // Alive at the window start: replayed from time 0 with what remains of its run.
      row.duration = end - o.from;
      row.submit = o.from;
      this.stats.adjust("alive at --from (replayed from the window start)", where);
    }
    const n = this.ordinal++;
    if (o.sample !== undefined && o.sample < 1) {
      let kept = 0;
      for (let j = 0; j < row.count; j++) if (this.keyed.uniform(n, j, 0, 0) < o.sample) kept++;
      if (kept === 0) {
        this.stats.skip("left out by --sample", where);
        return false;
      }
      row.count = kept;
    }
    this.tasks.push(row);
    this.stats.tasks++;
    return true;
  }

  /** The tasks in submit order (stable), times shifted so the window starts at 0 (once: call it last). */
  sorted(): TraceRow[] {
    if (this.inOrder) return this.inOrder;
    let origin = this.options.from ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(origin)) for (const t of this.tasks) origin = Math.min(origin, t.submit);
    const out = this.tasks
      .map((t, k) => ({ t, k }))
      .sort((a, b) => a.t.submit - b.t.submit || a.k - b.k)
      .map(({ t }) => t);
    if (Number.isFinite(origin)) for (const t of out) t.submit -= origin;
    this.inOrder = out;
    return out;
  }

  /** The import's result: `fields` (format, fleet, notes...) with the sorted tasks, the stats and the events. */
  result(fields: Omit<ImportResult, "tasks" | "stats" | "events">): ImportResult {
    return { ...fields, tasks: this.sorted(), stats: this.stats, events: this.events };
  }
}

export interface ImportResult {
  format: string;
  types: ImportedType[];
  groups: ImportedGroup[];
  tasks: TraceRow[];
  stats: Reconciliation;
  /** Input events or records by type (e.g. SUBMIT, SCHEDULE, FINISH), for the reconciliation. */
  events: Map<string, number>;
  /** Task definitions and services found in the input (ecs), pasted into the scenario as they are. */
  taskDefinitions?: Record<string, unknown>[];
  /** Placement strategy the input cluster used (ecs services), offered as a strategy to compare with. */
  observedStrategy?: { type: string; field?: string }[];
  /** How the mapping was done and what was assumed, written into the scenario's description. */
  notes: string[];
}

/** A trace row with defaults for the fields an importer does not know. */
export function taskRow(fields: Partial<TraceRow> & { submit: number; duration: number }): TraceRow {
  return {
    cpu: 0,
    memory: 0,
    gpu: 0,
    gpuMilli: 0,
    ports: [],
    family: "trace",
    group: "family:trace",
    distinctInstance: false,
    memberOf: "",
    count: 1,
    ...fields,
  };
}

/**
 * Reference machines to hold the tasks when the trace has no machine table: the peak of concurrent CPU
 * and memory demand (tasks alive at once) divided by the machine, over 0.85 so the replay is not born
 * overloaded, at least 1.
 */
export function machinesForPeak(tasks: TraceRow[], cpu: number, memory: number): number {
  const edges: { t: number; cpu: number; mem: number }[] = [];
  for (const task of tasks) {
    const cpu = task.cpu * task.count;
    const mem = task.memory * task.count;
    edges.push({ t: task.submit, cpu, mem });
    if (Number.isFinite(task.duration)) edges.push({ t: task.submit + task.duration, cpu: -cpu, mem: -mem });
  }
  edges.sort((a, b) => a.t - b.t || a.cpu - b.cpu);
  let c = 0;
  let m = 0;
  let peak = 0;
  for (const e of edges) {
    c += e.cpu;
    m += e.mem;
    peak = Math.max(peak, c / cpu, m / memory);
  }
  return Math.max(1, Math.ceil(peak / 0.85));
}
