/**
 * Strategy files run under a watchdog. A strategy is user code called synchronously in the simulator's
 * hot loop, so nothing on its own thread can interrupt it; `berth run` therefore loads and runs every
 * comparison that involves a strategy file in a worker thread (src/cli/strategy-worker.ts), and this
 * thread watches it:
 * - a hook (filter, score, place, setup) or the file's import that does not return within the decision
 *   timeout (default 10 s, --decision-timeout) ends the worker; the run is reported as a strategy fault
 *   naming the strategy, the task, the simulated time and the seed (exit 1);
 * - process.exit inside strategy code throws instead (a fault like any other);
 * - an error thrown asynchronously (a timer, a rejected promise) ends the run as a fault;
 * - the worker ending without a result is a fault too.
 * Cost (docs/limits.md): starting the worker and compiling the TypeScript again in it (~0.3-1 s), two
 * integer stores per hook call, the results copied back once (structured clone). Built-in strategies are
 * trusted and run in-process without a worker. Other commands run in a watched worker as a whole
 * (watched-command.ts); sweep and plan units are watched on their pool (src/sweep/pool.ts).
 */
import type { Worker } from "node:worker_threads";
import { StrategyError } from "../placement/strategy.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { LoadOptions } from "../scenario/load.ts";
import { InputError } from "../scenario/problems.ts";
import type { StrategyRuns } from "../sim/compare.ts";
import type { RunBudget } from "../sim/run-budget.ts";
import { createWatchBuffer, describeFault, Watchdog, watchState } from "../sim/strategy-guard.ts";
import type { RunRequest, WorkerInput, WorkerMessage } from "./strategy-worker.ts";
import { UsageError } from "./usage-error.ts";
import { startCliWorker } from "./worker-boot.ts";

export { DEFAULT_DECISION_TIMEOUT_MS } from "../sim/strategy-guard.ts";

export interface SandboxOptions {
  file: string;
  load: LoadOptions;
  names: string[] | undefined;
  decisionTimeoutMs: number;
}

export interface Progress {
  strategy: string;
  seed: number;
  tasks: number;
  events: number;
  wallSeconds: number;
}

export class StrategySandbox {
  private readonly worker: Worker;
  private readonly watch = createWatchBuffer();
  private readonly state = watchState(this.watch);
  private settle: ((m: WorkerMessage | Error) => void) | undefined;
  private ended: Error | undefined;
  private readonly watchdog: Watchdog;

  private constructor(options: SandboxOptions) {
    const input: WorkerInput = {
      file: options.file,
      load: options.load,
      names: options.names,
      watch: this.watch,
    };
    this.worker = startCliWorker("strategy-worker", input);
    this.worker.on("message", (m: WorkerMessage) => {
      if (m.type === "async")
        this.end(this.fault(`failed asynchronously (in a timer or a promise): ${m.message}`));
      else this.deliver(m);
    });
    this.worker.on("error", (e) =>
      this.end(this.fault(`failed asynchronously (in a timer or a promise): ${firstLine(e)}`)),
    );
    this.worker.on("exit", (code) =>
      this.end(this.fault(`ended the run (the worker exited with code ${code} before a result)`)),
    );
    this.watchdog = new Watchdog(options.decisionTimeoutMs);
    this.watchdog.watch(this.state, (fault) => this.end(new StrategyError(fault)));
  }

  /** Starts the worker and waits until it has loaded the scenario and the strategy files. */
  static async start(options: SandboxOptions): Promise<StrategySandbox> {
    const sandbox = new StrategySandbox(options);
    const m = await sandbox.next();
    if (m.type !== "loaded") throw sandbox.unexpected(m);
    sandbox.strategies = m.strategies;
    return sandbox;
  }

  strategies: StrategySpec[] = [];

  /** Runs the comparison in the worker; progress lines arrive as the runs finish. */
  async run(request: Omit<RunRequest, "type">, onProgress: (p: Progress) => void): Promise<StrategyRuns[]> {
    this.worker.postMessage({ type: "run", ...request } satisfies RunRequest);
    let comparison: StrategyRuns[] | undefined;
    for (;;) {
      const m = await this.next();
      if (m.type === "started") continue;
      if (m.type === "progress") onProgress(m);
      else if (m.type === "result") comparison = m.comparison;
      else if (m.type === "settled" && comparison) return comparison;
      else throw this.unexpected(m);
    }
  }

  /** Ends the worker (always call it, also after a failure). */
  async close(): Promise<void> {
    this.watchdog.stop();
    this.ended ??= new Error("closed");
    await this.worker.terminate();
  }

  private next(): Promise<WorkerMessage> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      this.settle = (m) => {
        this.settle = undefined;
        if (m instanceof Error) reject(m);
        else resolve(m);
      };
      this.flush();
    });
  }

  private queue: WorkerMessage[] = [];

  private deliver(m: WorkerMessage): void {
    if (this.settle) this.settle(m);
    else this.queue.push(m);
    this.flush();
  }

  private flush(): void {
    // Messages that arrived while nobody waited are handed out in order.
    while (this.settle && this.queue.length > 0) this.settle(this.queue.shift()!);
  }

  private end(e: Error): void {
    if (this.ended) return;
    this.ended = e;
    this.watchdog.stop();
    void this.worker.terminate();
    if (this.settle) this.settle(e);
  }

  private unexpected(m: WorkerMessage): Error {
    if (m.type !== "failed") return new Error(`strategy worker: unexpected message ${m.type}`);
    if (m.kind === "usage") return new UsageError(m.message);
    if (m.kind === "input") {
      const e = new InputError([]);
      e.message = m.message;
      return e;
    }
    if (m.name === "StrategyError") return new StrategyError(m.message);
    const e = new Error(m.message);
    e.name = m.name;
    return e;
  }

  /** The fault of the strategy code that ran last (after its call returned: a timer, a promise). */
  private fault(what: string): StrategyError {
    return new StrategyError(describeFault(this.state, what, false));
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split("\n")[0]!;
}

export type { RunBudget };
