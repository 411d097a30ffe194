/**
 * The optional audit trail: one NDJSON line per task or instance state change. Lines are buffered and
 * written in large chunks; the engine checks for a log once per change, so a run without one pays nothing.
 */
export interface LogEntry {
  time: number;
  task?: string;
  family?: string;
  instance?: string;
  zone?: string;
  state: string;
  reason?: string;
  /** On an instance's first event: its type, group and registered CPU units and memory (MiB). */
  instanceType?: string;
  group?: string;
  cpu?: number;
  memory?: number;
}

export interface EventLog {
  write(strategy: string, seed: number, entry: LogEntry): void;
}

/** Where NDJSON chunks go (the CLI passes a file written to a temporary name, see src/cli/outputs.ts). */
export interface TextSink {
  write(text: string): void;
}

export class NdjsonLog implements EventLog {
  private buffer: string[] = [];
  private size = 0;

  constructor(private readonly sink: TextSink) {}

  write(strategy: string, seed: number, entry: LogEntry): void {
    const line = JSON.stringify({ strategy, seed, ...entry });
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.sink.write(`${this.buffer.join("\n")}\n`);
    this.buffer = [];
    this.size = 0;
  }
}

/** Collects entries in memory (tests, explain). */
export class MemoryLog implements EventLog {
  readonly entries: (LogEntry & { strategy: string; seed: number })[] = [];
  write(strategy: string, seed: number, entry: LogEntry): void {
    this.entries.push({ strategy, seed, ...entry });
  }
}
