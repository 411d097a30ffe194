/**
 * Runs units on worker threads (piscina), `workers` at a time. A TypeScript worker file is started with
 * tsx's loader; a compiled .js one runs as is. `runOnPool` runs a batch and hands each result to
 * `onResult` as soon as it arrives (in completion order: callers that need an order sort by key);
 * `WorkerPool` stays up across batches (berth plan's probes) so threads start once.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { StrategyError } from "../placement/strategy.ts";
import {
  createWatchBuffer,
  DEFAULT_DECISION_TIMEOUT_MS,
  Watchdog,
  watchState,
} from "../sim/strategy-guard.ts";

export interface PoolOptions {
  /** Worker threads; default os.availableParallelism(). */
  workers?: number;
  /** URL (file:) of the worker module; its default export is called once per task. */
  workerUrl: string;
  /**
   * Watch the strategy code each task runs (src/sim/strategy-guard.ts): every task is sent with a
   * `watch` buffer, and one that stays inside a strategy's hook or import this long (milliseconds) ends
   * its worker and fails with the fault (StrategyError). Default 10 s.
   */
  decisionTimeoutMs?: number;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export class WorkerPool<T, R> {
  private readonly pool: Piscina;
  private readonly watchdog: Watchdog;

  constructor(options: PoolOptions) {
    this.watchdog = new Watchdog(options.decisionTimeoutMs ?? DEFAULT_DECISION_TIMEOUT_MS);
    const workers = Math.max(1, options.workers ?? defaultWorkers());
    // Under tsx the workers inherit its loader through process.execArgv; elsewhere (vitest, plain node on
    // a .ts worker) they need it added.
    const needsLoader = options.workerUrl.endsWith(".ts") && !process.execArgv.some((a) => a.includes("tsx"));
    this.pool = new Piscina({
      filename: options.workerUrl,
      minThreads: 1,
      maxThreads: workers,
      idleTimeout: 60_000,
      ...(needsLoader ? { execArgv: [...process.execArgv, "--import", "tsx"] } : {}),
    });
  }

  async run(task: T): Promise<R> {
    const watch = createWatchBuffer();
    const abort = new AbortController();
    let fault: string | undefined;
    const unwatch = this.watchdog.watch(watchState(watch), (text) => {
      fault = text;
      abort.abort(); // piscina ends the worker running the task
    });
    try {
      return (await this.pool.run({ ...task, watch }, { signal: abort.signal })) as R;
    } catch (e) {
      if (fault !== undefined) throw new StrategyError(fault);
      throw e;
    } finally {
      unwatch();
    }
  }

  destroy(): Promise<void> {
    this.watchdog.stop();
    return this.pool.destroy();
  }
}

export async function runOnPool<T, R>(
  tasks: readonly T[],
  options: PoolOptions & { onResult?: (result: R, done: number) => void },
): Promise<R[]> {
  if (tasks.length === 0) return [];
  const pool = new WorkerPool<T, R>({
    ...options,
    workers: Math.min(options.workers ?? defaultWorkers(), tasks.length),
  });
  let done = 0;
  try {
    return await Promise.all(
      tasks.map(async (task) => {
        const result = await pool.run(task);
        done++;
        options.onResult?.(result, done);
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
