/**
 * Runs units on worker threads (piscina), `workers` at a time, handing each result to `onResult` as soon as
 * it arrives (in completion order: callers that need an order sort by key). A TypeScript worker file is
 * started with tsx's loader; a compiled .js one runs as is.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";

export interface PoolOptions<R> {
  /** Worker threads; default os.availableParallelism(). */
  workers?: number;
  /** URL (file:) of the worker module; its default export is called once per task. */
  workerUrl: string;
  onResult?: (result: R, done: number) => void;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export async function runOnPool<T, R>(tasks: readonly T[], options: PoolOptions<R>): Promise<R[]> {
  if (tasks.length === 0) return [];
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), tasks.length));
  // Under tsx the workers inherit its loader through process.execArgv; elsewhere (vitest, plain node on a
  // .ts worker) they need it added.
  const needsLoader = options.workerUrl.endsWith(".ts") && !process.execArgv.some((a) => a.includes("tsx"));
  const pool = new Piscina({
    filename: options.workerUrl,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
    ...(needsLoader ? { execArgv: [...process.execArgv, "--import", "tsx"] } : {}),
  });
  let done = 0;
  try {
    return await Promise.all(
      tasks.map(async (task) => {
        const result = (await pool.run(task)) as R;
        done++;
        options.onResult?.(result, done);
        return result;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
