/**
 * `--tasks FILE.csv`: one row per task per strategy and seed, for analysis in a notebook or spreadsheet.
 * Built from the same task state changes as the --events log (an EventLog), so the engine has one audit
 * path. A row is written when its task stops, and the tasks still alive when a run ends are written after
 * that run's last row, in submission order, so memory holds only the tasks alive at once.
 *
 * Columns (times in simulated seconds from the start of the run; empty when it did not happen):
 *   strategy, seed, task, family,
 *   submitted  when the task was submitted (PENDING),
 *   placed     when it got an instance (PROVISIONING, or RUNNING at once without a startup time),
 *   started    when it turned RUNNING,
 *   stopped    when it stopped (completed, failed, replaced, lost, withdrawn),
 *   instance, zone  where it was placed,
 *   delay      placed - submitted,
 *   outcome    completed | stopped (after placement, for `reason`) | placement failed | cancelled (withdrawn
 *              while pending) | running at end | provisioning at end | pending at end; the counts of
 *              "placement failed", "cancelled" and "pending at end" are the run's tasks.failedPlacement,
 *              tasks.cancelled and tasks.pendingAtEnd,
 *   reason     the ECS-style stop reason ("Essential container in task exited" for a completed task).
 */
import { STOP_REASON_TEXT, StopReason } from "../model/task-table.ts";
import type { EventLog, LogEntry, TextSink } from "../sim/event-log.ts";
import { csvText } from "./text-escape.ts";

export const TASK_CSV_HEADER =
  "strategy,seed,task,family,submitted,placed,started,stopped,instance,zone,delay,outcome,reason";

/**
 * Reasons the engine gives when it stops a task (STOP_REASON_TEXT). A task stopped before placement with
 * one of these was withdrawn (counted as cancelled in the metrics); with any other reason, its placement
 * failed at once (pending: fail; the reason is the placement failure, e.g. RESOURCE:MEMORY).
 */
const STOP_REASONS = new Set(STOP_REASON_TEXT);
/** ECS's own wording for a task that ran to its end. */
const COMPLETED = STOP_REASON_TEXT[StopReason.Completed]!;

interface TaskRow {
  task: string;
  family: string;
  submitted: number | undefined;
  placed?: number;
  started?: number;
  stopped?: number;
  instance?: string;
  zone?: string;
  outcome?: string;
  reason?: string;
}

/** Times as the log has them, without float noise (millisecond resolution is far below any figure). */
const time = (t: number | undefined) => (t === undefined ? "" : String(Math.round(t * 1000) / 1000));

export class TaskCsvLog implements EventLog {
  private run: { strategy: string; seed: number } | undefined;
  /** Tasks of the current run not yet written, in submission order. */
  private readonly open = new Map<string, TaskRow>();
  private lines: string[] = [];
  private size = 0;

  constructor(private readonly sink: TextSink) {
    this.sink.write(`${TASK_CSV_HEADER}\n`);
  }

  write(strategy: string, seed: number, entry: LogEntry): void {
    if (entry.task === undefined) return;
    if (this.run?.strategy !== strategy || this.run.seed !== seed) {
      this.endRun();
      this.run = { strategy, seed };
    }
    let row = this.open.get(entry.task);
    if (!row) {
      row = { task: entry.task, family: entry.family ?? "", submitted: undefined };
      this.open.set(entry.task, row);
    }
    switch (entry.state) {
      case "PENDING":
        row.submitted = entry.time;
        break;
      case "PROVISIONING":
        this.place(row, entry);
        break;
      case "RUNNING":
        if (row.placed === undefined) this.place(row, entry);
        row.started = entry.time;
        break;
      case "STOPPED":
        row.stopped = entry.time;
        row.reason = entry.reason ?? "";
        row.outcome = stopOutcome(row);
        this.emit(row);
        this.open.delete(entry.task);
        break;
    }
  }

  /** Writes the rows of tasks still alive in the last run, and everything buffered. */
  finish(): void {
    this.endRun();
    this.flush();
  }

  private place(row: TaskRow, entry: LogEntry): void {
    row.placed = entry.time;
    row.instance = entry.instance ?? "";
    row.zone = entry.zone ?? "";
  }

  private endRun(): void {
    for (const row of this.open.values()) {
      row.outcome =
        row.started !== undefined
          ? "running at end"
          : row.placed !== undefined
            ? "provisioning at end"
            : "pending at end";
      this.emit(row);
    }
    this.open.clear();
  }

  private emit(row: TaskRow): void {
    const run = this.run!;
    const delay =
      row.placed !== undefined && row.submitted !== undefined ? row.placed - row.submitted : undefined;
    const line = [
      csvText(run.strategy),
      String(run.seed),
      csvText(row.task),
      csvText(row.family),
      time(row.submitted),
      time(row.placed),
      time(row.started),
      time(row.stopped),
      csvText(row.instance ?? ""),
      csvText(row.zone ?? ""),
      time(delay),
      row.outcome ?? "",
      csvText(row.reason ?? ""),
    ].join(",");
    this.lines.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    this.sink.write(`${this.lines.join("\n")}\n`);
    this.lines = [];
    this.size = 0;
  }
}

function stopOutcome(row: TaskRow): string {
  if (row.placed !== undefined) return row.reason === COMPLETED ? "completed" : "stopped";
  return STOP_REASONS.has(row.reason ?? "") ? "cancelled" : "placement failed";
}

/** Several logs fed the same entries (--events and --tasks together). */
export class TeeLog implements EventLog {
  constructor(private readonly logs: EventLog[]) {}
  write(strategy: string, seed: number, entry: LogEntry): void {
    for (const log of this.logs) log.write(strategy, seed, entry);
  }
}
