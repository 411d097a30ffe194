/**
 * The logs a run streams to files while it simulates: --events (NDJSON, every task and instance state
 * change) and --tasks (CSV, one row per task, report/task-csv.ts), both fed by the engine's one EventLog.
 * Each file is written to a temporary name and renamed into place only when the run succeeded.
 */
import { TaskCsvLog, TeeLog } from "../report/task-csv.ts";
import { type EventLog, NdjsonLog } from "../sim/event-log.ts";
import { StreamedOutput } from "./outputs.ts";

export interface LogPaths {
  events?: string | undefined;
  tasks?: string | undefined;
}

export class RunLogs {
  /** What the engine writes to; undefined when no log was asked for (the run pays nothing). */
  readonly log: EventLog | undefined;
  private readonly files: StreamedOutput[] = [];
  private readonly ndjson: NdjsonLog | undefined;
  private readonly csv: TaskCsvLog | undefined;

  constructor(paths: LogPaths) {
    const logs: EventLog[] = [];
    try {
      if (paths.events) {
        const file = new StreamedOutput(paths.events);
        this.files.push(file);
        this.ndjson = new NdjsonLog(file);
        logs.push(this.ndjson);
      }
      if (paths.tasks) {
        const file = new StreamedOutput(paths.tasks);
        this.files.push(file);
        this.csv = new TaskCsvLog(file);
        logs.push(this.csv);
      }
    } catch (e) {
      this.abort();
      throw e;
    }
    this.log = logs.length === 0 ? undefined : logs.length === 1 ? logs[0] : new TeeLog(logs);
  }

  /** Flushes what is buffered and renames every file into place. */
  commit(): void {
    this.ndjson?.flush();
    this.csv?.finish();
    for (const f of this.files) f.commit();
  }

  /** Removes the temporary files (the run failed). */
  abort(): void {
    for (const f of this.files) f.abort();
  }
}
