/**
 * Where a strategy watchdog reads what a run is doing (src/sim/strategy-guard.ts): a Float64Array the
 * watching thread shares with this one. simulate() writes the seed of the run at its start and the
 * simulated time of each event into it when one is installed for the thread (or passed as
 * RunOptions.clock); the placement hooks of watched strategies write the task id.
 * Nothing is installed unless strategy files run under a watchdog, and then the cost is one store per event.
 */
export const CLOCK_TIME = 0;
export const CLOCK_TASK = 1;
export const CLOCK_SEED = 2;

let installed: Float64Array | undefined;

/** Makes every run on this thread write into `clock` (undefined: none). */
export function installWatchClock(clock: Float64Array | undefined): void {
  installed = clock;
}

/** The clock installed for this thread, if any. */
export function watchClock(): Float64Array | undefined {
  return installed;
}
