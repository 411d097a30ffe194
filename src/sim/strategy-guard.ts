/**
 * What the strategy watchdog shares between a thread that runs user strategy code and the thread that
 * watches it (src/cli/strategy-sandbox.ts for `berth run`, src/cli/watched-command.ts for other commands,
 * src/sweep/pool.ts for sweep and plan units): one SharedArrayBuffer holding
 *   flags[INSIDE]  1 while strategy code runs (a hook, setup or the file's import), else 0;
 *   flags[CALLS]   incremented on every entry, so the watcher sees progress;
 *   flags[LABEL]   the byte length of the label;
 *   where[TIME]    the simulated time of the event being handled (written by simulate, watch-clock.ts);
 *   where[TASK]    the task id being placed (-1: none);
 *   where[SEED]    the seed of the run (-1: no run yet, the files are being imported);
 *   label          UTF-8: who runs now, `name\u0000files` (the strategy and its files) or `\u0000file`
 *                  while a file is imported; written once per run or import, never per decision.
 * The cost on the hot path is two integer stores and a float store per hook call, paid only by strategy
 * files. A thread that runs strategy code under a watcher installs the buffer once (installThreadWatch);
 * loadStrategyModules then marks every file's import and wraps every hook it loads.
 */

import { taskIdText } from "../model/task-table.ts";
import type { StrategyDefinition, StrategyHooks, TaskView } from "../placement/strategy.ts";
import { CLOCK_SEED, CLOCK_TASK, CLOCK_TIME, installWatchClock } from "./watch-clock.ts";

/** How long strategy code may run without returning before it is stopped (--decision-timeout). */
export const DEFAULT_DECISION_TIMEOUT_MS = 10_000;

export const INSIDE = 0;
export const CALLS = 1;
const LABEL = 2;
export const TIME = CLOCK_TIME;
export const TASK = CLOCK_TASK;
export const SEED = CLOCK_SEED;

const FLAG_BYTES = 16;
const WHERE_BYTES = 4 * 8;
const LABEL_BYTES = 2048;

export interface WatchState {
  flags: Int32Array;
  where: Float64Array;
  label: Uint8Array;
}

export function createWatchBuffer(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(FLAG_BYTES + WHERE_BYTES + LABEL_BYTES);
  const state = watchState(buffer);
  state.where[TASK] = -1;
  state.where[SEED] = -1;
  return buffer;
}

export function watchState(buffer: SharedArrayBuffer): WatchState {
  return {
    flags: new Int32Array(buffer, 0, 4),
    where: new Float64Array(buffer, FLAG_BYTES, 4),
    label: new Uint8Array(buffer, FLAG_BYTES + WHERE_BYTES, LABEL_BYTES),
  };
}

/** Says who runs now: a strategy and its files, or (name "") a file being imported. */
export function writeLabel(state: WatchState, name: string, files: string): void {
  const { written } = new TextEncoder().encodeInto(`${name}\u0000${files}`, state.label);
  state.flags[LABEL] = written;
}

export function readLabel(state: WatchState): { name: string; files: string } {
  // The label lives in shared memory: copy it out before decoding.
  const bytes = state.label.slice(0, Math.max(0, Math.min(LABEL_BYTES, state.flags[LABEL]!)));
  const [name = "", files = ""] = new TextDecoder().decode(bytes).split("\u0000");
  return { name, files };
}

/**
 * The fault of the strategy running now, in the words of every other strategy fault: strategy, what
 * happened, the task, the simulated time, the seed, the files.
 */
export function describeFault(state: WatchState, what: string, inDecision: boolean): string {
  const { name, files } = readLabel(state);
  if (name === "")
    return `strategy file ${files || "(unknown)"} ${what} while being imported (before any run)`;
  const task = state.where[TASK]!;
  const seed = state.where[SEED]!;
  const taskText =
    task >= 0 ? ` ${inDecision ? "while placing" : "after placing"} task ${taskIdText(task)}` : "";
  const when = seed >= 0 ? ` at t=${Number(state.where[TIME]!.toFixed(3))}s, seed ${seed}` : "";
  return `strategy "${name}" ${what}${taskText}${when}${files ? ` (${files})` : ""}`;
}

/**
 * A failure message of a run on a watched thread, with the seed and the strategy's files added when it
 * names neither (a strategy fault raised inside `explain`, `diff` or a sweep unit, which run one seed
 * outside compare()).
 */
export function withRunContext(message: string): string {
  const state = threadWatch;
  if (state === undefined || state.where[SEED]! < 0 || /, seed \d/.test(message)) return message;
  const { files } = readLabel(state);
  return `${message}, seed ${state.where[SEED]}${files ? ` (${files})` : ""}`;
}

/**
 * Runs `fn` marked as strategy code (entry counted, INSIDE set, cleared on exit even when it throws).
 * Plain stores: a 32-bit store cannot tear, and the watcher only needs to see them within its period.
 */
export function inside<T>(state: WatchState, fn: () => T): T {
  const flags = state.flags;
  const was = flags[INSIDE]!;
  flags[CALLS]!++;
  flags[INSIDE] = 1;
  try {
    return fn();
  } finally {
    flags[INSIDE] = was;
  }
}

/** Hooks wrapped one by one below; any other function the hooks hold is wrapped generically. */
const WRITTEN_OUT = new Set(["filter", "score", "place", "rebalance"]);

/**
 * The definition with its setup and every hook it returns marked as strategy code; setup (once per run)
 * also writes the label naming the strategy and its files. A function the hooks hold that is none of
 * the known hooks is watched the same way (a hook added later cannot escape the watchdog).
 */
export function watchedStrategy(
  def: StrategyDefinition,
  state: WatchState,
  name: string,
  files: string,
): StrategyDefinition {
  return {
    ...def,
    setup: (ctx) => {
      writeLabel(state, name, files);
      state.where[TASK] = -1;
      const hooks = inside(state, () => def.setup(ctx));
      const out: StrategyHooks = { ...hooks };
      const { flags, where } = state;
      const { filter, score, place, rebalance } = hooks;
      // Written out (no closure per call): these run once per instance per decision.
      if (filter)
        out.filter = (i: number, t: TaskView) => {
          where[TASK] = t.id;
          flags[CALLS]!++;
          flags[INSIDE] = 1;
          try {
            return filter.call(hooks, i, t);
          } finally {
            flags[INSIDE] = 0;
          }
        };
      if (score)
        out.score = (i: number, t: TaskView) => {
          where[TASK] = t.id;
          flags[CALLS]!++;
          flags[INSIDE] = 1;
          try {
            return score.call(hooks, i, t);
          } finally {
            flags[INSIDE] = 0;
          }
        };
      if (place)
        out.place = (t: TaskView, candidates: readonly number[]) => {
          where[TASK] = t.id;
          flags[CALLS]!++;
          flags[INSIDE] = 1;
          try {
            return place.call(hooks, t, candidates);
          } finally {
            flags[INSIDE] = 0;
          }
        };
      if (rebalance)
        out.rebalance = (view, now) => {
          where[TASK] = -1;
          return inside(state, () => rebalance.call(hooks, view, now));
        };
      const more = out as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(hooks)) {
        if (WRITTEN_OUT.has(key) || typeof value !== "function") continue;
        more[key] = (...args: unknown[]) => {
          where[TASK] = -1;
          return inside(state, () => (value as (...a: unknown[]) => unknown).apply(hooks, args));
        };
      }
      return out;
    },
  };
}

let threadWatch: WatchState | undefined;

/**
 * Declares that strategy code on this thread runs under a watcher sharing `buffer`: strategy files loaded
 * from now on are wrapped, runs write their clock into it. Installing another buffer later (a pool worker
 * taking its next unit) redirects hooks already wrapped, since they read the state at each run's setup.
 */
export function installThreadWatch(buffer: SharedArrayBuffer): WatchState {
  const next = watchState(buffer);
  if (threadWatch) Object.assign(threadWatch, next);
  else threadWatch = next;
  installWatchClock(threadWatch.where);
  return threadWatch;
}

export function threadWatchState(): WatchState | undefined {
  return threadWatch;
}

let watchOnDemand = false;

/**
 * Asks loadStrategyModules on this thread not to run strategy files here but to throw NeedsWatchedThread,
 * so the command starts again in a watched worker (main.ts; watched-command.ts).
 */
export function requireWatchedThread(on: boolean): void {
  watchOnDemand = on;
}

export function watchedThreadRequired(): boolean {
  return watchOnDemand && threadWatch === undefined;
}

/** Thrown before any strategy file is imported on a thread that must not run one (see requireWatchedThread). */
export class NeedsWatchedThread extends Error {
  override name = "NeedsWatchedThread";
  constructor() {
    super("strategy files run in a watched worker thread");
  }
}

/** How the message of ProcessExitForbidden starts. */
export const PROCESS_EXIT_TEXT = "called process.exit(";

/** What a strategy's call of process.exit throws (on a watched thread). */
export class ProcessExitForbidden extends Error {
  override name = "ProcessExitForbidden";
  constructor(readonly code: number | string | null | undefined) {
    super(`${PROCESS_EXIT_TEXT}${code ?? ""}), which a strategy may not do`);
  }
}

/**
 * Replaces process.exit for code running in this thread: a strategy that calls it throws
 * ProcessExitForbidden instead, which the placement pipeline reports like any other strategy fault and
 * the file loader reports as a fault at import. Returns the real process.exit (ending the thread).
 */
export function forbidProcessExit(): (code?: number) => never {
  const real = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => {
    throw new ProcessExitForbidden(code);
  }) as typeof process.exit;
  return real as (code?: number) => never;
}

interface Watched {
  state: WatchState;
  onStuck: (fault: string) => void;
  calls: number;
  since: number;
}

/**
 * Watches any number of watch states with one timer (period: a quarter of the timeout, at most 250 ms,
 * which bounds how late the timeout fires): when strategy code in one of them is running and has made no
 * new call for longer than the timeout, its `onStuck` receives the fault text, once.
 */
export class Watchdog {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly timeoutMs: number) {}

  /** Starts watching `state`; returns the function that stops. */
  watch(state: WatchState, onStuck: (fault: string) => void): () => void {
    const w: Watched = { state, onStuck, calls: -1, since: performance.now() };
    this.watched.add(w);
    this.timer ??= setInterval(() => this.look(), Math.min(250, Math.max(10, this.timeoutMs / 4)));
    this.timer.unref();
    return () => {
      this.watched.delete(w);
      if (this.watched.size === 0) this.stop();
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private look(): void {
    const now = performance.now();
    for (const w of this.watched) {
      const c = w.state.flags[CALLS]!;
      if (w.state.flags[INSIDE] !== 1 || c !== w.calls) {
        w.calls = c;
        w.since = now;
      } else if (now - w.since > this.timeoutMs) {
        this.watched.delete(w);
        w.onStuck(
          describeFault(
            w.state,
            `did not return within ${this.timeoutMs / 1000}s (an endless loop? --decision-timeout sets the limit)`,
            true,
          ),
        );
      }
    }
  }
}
