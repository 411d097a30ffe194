/**
 * Progress display, for every command. Live output (rewritten in place) only on an interactive terminal
 * outside CI (`isLiveTerminal`); plain lines otherwise. Nothing here touches results.
 *
 * - `berth run` (RunProgress): one line per finished run (strategy, seed, tasks, events, wall time) and,
 *   live, a line for the run in progress once it has taken more than a second: simulated time reached,
 *   events per second and the time left for all runs. The simulation reports (simulated time, events)
 *   every so many events.
 * - batches of units (`berth sweep`, unitProgress): live, a bar (cli-progress: done/total, rate, ETA);
 *   otherwise a line at most every `every` seconds and at the end.
 * `--quiet` silences both.
 */
import { createRequire } from "node:module";
import type * as CliProgress from "cli-progress";
import { formatSeconds } from "../core/duration.ts";
import { plural } from "../core/format.ts";

/** cli-progress, loaded when a live bar is drawn: every other command (and `run`) starts without it. */
let cliProgressModule: typeof CliProgress | undefined;
function cliProgress(): typeof CliProgress {
  cliProgressModule ??= createRequire(import.meta.url)("cli-progress") as typeof CliProgress;
  return cliProgressModule;
}

/** Draw live (a bar, a rewritten line) only on an interactive terminal, and never under CI. */
export function isLiveTerminal(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined> = process.env,
): boolean {
  return stream.isTTY === true && !env.CI;
}

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
    const tty = isLiveTerminal(process.stderr);
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

/** Progress of a batch of units, ticked with the number done so far. */
export interface UnitProgress {
  tick(done: number): void;
  stop(): void;
}

export interface UnitProgressOptions {
  quiet?: boolean;
  /** Seconds between plain lines (default 10). */
  every?: number;
  /** Default process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  env?: Record<string, string | undefined>;
  /** Milliseconds (default Date.now), for tests. */
  now?: () => number;
}

export function unitProgress(label: string, total: number, options: UnitProgressOptions = {}): UnitProgress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  if (options.quiet || total === 0) return { tick() {}, stop() {} };
  const started = now();
  const perSecond = (done: number) => done / Math.max(1e-3, (now() - started) / 1000);
  if (isLiveTerminal(stream, options.env)) {
    const bar = new (cliProgress().SingleBar)({
      stream: stream as NodeJS.WriteStream,
      format: `${label} [{bar}] {value}/{total} units | {rate}/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
    });
    bar.start(total, 0, { rate: "0.0" });
    return {
      tick(done) {
        bar.update(done, { rate: perSecond(done).toFixed(1) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  const every = (options.every ?? 10) * 1000;
  let last = started;
  return {
    tick(done) {
      const t = now();
      if (t - last < every && done !== total) return;
      last = t;
      const rate = perSecond(done);
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      stream.write(
        `${label}: ${done}/${total} units (${Math.floor((100 * done) / total)}%), ${rate.toFixed(2)}/s, ETA ${formatSeconds(eta)}\n`,
      );
    },
    // The last tick (done === total) already printed the final line.
    stop() {},
  };
}
