/**
 * The optional audit trail: one NDJSON line per task or instance state change. Lines are buffered and
 * written in large chunks; the engine checks for a log once per change, so a run without one pays nothing.
 */
import { closeSync, openSync, writeSync } from "node:fs";

export interface LogEntry {
  time: number;
  task?: string;
  family?: string;
  instance?: string;
  zone?: string;
  state: string;
  reason?: string;
}

export interface EventLog {
  write(strategy: string, seed: number, entry: LogEntry): void;
}

export class NdjsonFileLog implements EventLog {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  write(strategy: string, seed: number, entry: LogEntry): void {
    const line = JSON.stringify({ strategy, seed, ...entry });
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, `${this.buffer.join("\n")}\n`);
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Collects entries in memory (tests, explain). */
export class MemoryLog implements EventLog {
  readonly entries: (LogEntry & { strategy: string; seed: number })[] = [];
  write(strategy: string, seed: number, entry: LogEntry): void {
    this.entries.push({ strategy, seed, ...entry });
  }
}
