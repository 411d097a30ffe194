/**
 * Progress of `berth run`: one line per finished run (strategy, seed, tasks, events, wall time) and, on a
 * terminal, a live line for the run in progress once it has taken more than a second: simulated time
 * reached, events per second and the time left for all runs. `--quiet` silences both. Nothing here
 * touches results: the simulation only reports (simulated time, events) every so many events.
 */
import { formatSeconds } from "../core/duration.ts";
import { plural } from "../core/format.ts";

export interface ProgressSink {
  /** Finished-run lines (stdout). */
  line(text: string): void;
  /** The live line: rewritten in place; "" clears it. Absent: not a terminal, no live line. */
  live?(text: string): void;
  now(): number;
}

export class RunProgress {
  private runStart = 0;
  private lastDraw = 0;
  private doneRuns = 0;
  private doneSeconds = 0;
  private shown = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly totalRuns: number,
    private readonly horizon: number,
  ) {}

  /** A terminal sink on stderr when it is a TTY; lines to stdout. */
  static forProcess(totalRuns: number, horizon: number): RunProgress {
    const tty = process.stderr.isTTY === true;
    const sink: ProgressSink = {
      line: (text) => console.log(text),
      now: () => performance.now() / 1000,
      ...(tty ? { live: (text: string) => process.stderr.write(`\r\x1b[2K${text}`) } : {}),
    };
    return new RunProgress(sink, totalRuns, horizon);
  }

  start(): void {
    this.runStart = this.sink.now();
    this.lastDraw = this.runStart;
  }

  /** Called by the simulation every so many events of the current run. */
  tick(strategy: string, seed: number, simulated: number, events: number): void {
    if (!this.sink.live) return;
    const now = this.sink.now();
    const elapsed = now - this.runStart;
    if (elapsed < 1 || now - this.lastDraw < 0.1) return;
    this.lastDraw = now;
    const fraction = Math.min(1, Math.max(simulated / this.horizon, 1e-9));
    const thisRunLeft = (elapsed * (1 - fraction)) / fraction;
    const perRun = this.doneRuns > 0 ? this.doneSeconds / this.doneRuns : elapsed / fraction;
    const eta = thisRunLeft + perRun * (this.totalRuns - this.doneRuns - 1);
    this.sink.live(
      `  ${strategy} seed ${seed} (run ${this.doneRuns + 1} of ${this.totalRuns}): ` +
        `t=${formatSeconds(simulated)} of ${formatSeconds(this.horizon)} (${Math.floor(fraction * 100)}%), ` +
        `${rate(events / elapsed)} events/s, ETA ${formatSeconds(Math.round(eta))}`,
    );
    this.shown = true;
  }

  /** A run finished: the live line gives way to its summary line. */
  finished(strategy: string, seed: number, tasks: number, events: number, wallSeconds: number): void {
    if (this.shown) this.sink.live?.("");
    this.shown = false;
    this.doneRuns++;
    this.doneSeconds += wallSeconds;
    this.sink.line(
      `  ${strategy} seed ${seed}: ${plural(tasks, "task")}, ${plural(events, "event")} in ${wallSeconds.toFixed(2)}s`,
    );
    this.start();
  }
}

/** 950, 12.3k, 1.2M */
function rate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e4) return `${Math.round(perSecond / 1e3)}k`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return `${Math.round(perSecond)}`;
}
