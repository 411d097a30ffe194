/**
 * What the strategy watchdog shares between the thread that runs user strategy code and the thread that
 * watches it (src/cli/strategy-sandbox.ts): a SharedArrayBuffer holding
 *   flags[INSIDE]  1 while strategy code runs (a hook, setup or the file's import), else 0;
 *   flags[CALLS]   incremented on every entry, so the watcher sees progress;
 *   where[TIME]    the simulated time of the event being handled;
 *   where[TASK]    the task id being placed (-1: none);
 *   where[SEED]    the seed of the run;
 *   where[STRATEGY] the index of the strategy being run (-1: loading).
 * The cost on the hot path is two integer stores per hook call, paid only by strategy files.
 */
import type { StrategyDefinition, StrategyHooks, TaskView } from "../placement/strategy.ts";

export const INSIDE = 0;
export const CALLS = 1;
export const TIME = 0;
export const TASK = 1;
export const SEED = 2;
export const STRATEGY = 3;

export interface WatchState {
  flags: Int32Array;
  where: Float64Array;
}

export function createWatchBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(8 + 4 * 8);
}

export function watchState(buffer: SharedArrayBuffer): WatchState {
  return { flags: new Int32Array(buffer, 0, 2), where: new Float64Array(buffer, 8, 4) };
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

/** The definition with its setup and every hook it returns marked as strategy code. */
export function watchedStrategy(def: StrategyDefinition, state: WatchState): StrategyDefinition {
  return {
    ...def,
    setup: (ctx) => {
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
      return out;
    },
  };
}

/**
 * Replaces process.exit for code running in this thread: a strategy that calls it throws an Error
 * instead, which the placement pipeline reports like any other strategy fault.
 */
export function forbidProcessExit(): void {
  process.exit = ((code?: number | string | null) => {
    throw new Error(`called process.exit(${code ?? ""}), which a strategy may not do`);
  }) as typeof process.exit;
}
