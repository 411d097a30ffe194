/**
 * Any berth command that meets strategy files runs them under the watchdog `berth run` uses: main.ts runs
 * the command on its own thread until loadStrategyModules is about to import a file, which throws
 * NeedsWatchedThread before any user code ran; the whole command then starts again in a worker thread
 * (watched-command-worker.ts), and this thread only watches it:
 * - a hook or an import that does not return within the decision timeout ends the worker, and the
 *   command ends with the fault (strategy, task, simulated time, seed, files), exit 1;
 * - process.exit in strategy code throws (a fault like any other);
 * - an error thrown asynchronously (a timer, a rejected promise) ends the command as a fault, exit 1;
 * - the worker ending without saying how the command ended is a fault too.
 * The worker's stdout and stderr are this process's. Lines the first attempt already printed (scenario
 * warnings, validate's answers for earlier files) are not printed twice.
 * Cost: the scenario is loaded twice and the worker compiles the TypeScript again (~0.3-1 s from source),
 * paid only by commands that run strategy files.
 */
import { terminalText } from "../report/text-escape.ts";
import {
  createWatchBuffer,
  DEFAULT_DECISION_TIMEOUT_MS,
  describeFault,
  Watchdog,
  watchState,
} from "../sim/strategy-guard.ts";
import { startCliWorker } from "./worker-boot.ts";

/** Lines the first attempt printed on stdout and stderr: the worker does not print them again. */
export interface PrintedLines {
  out: string[];
  err: string[];
}

export interface WatchedCommandInput {
  argv: string[];
  watch: SharedArrayBuffer;
  printed: PrintedLines;
}

export type WatchedCommandMessage = { type: "done"; code: number } | { type: "async"; message: string };

/** Runs `berth <argv>` in a watched worker; resolves with its exit code (1 on a strategy fault). */
export function runWatchedCommand(
  argv: string[],
  printed: PrintedLines,
  decisionTimeoutMs = DEFAULT_DECISION_TIMEOUT_MS,
): Promise<number> {
  const watch = createWatchBuffer();
  const state = watchState(watch);
  const input: WatchedCommandInput = { argv, watch, printed };
  const worker = startCliWorker("watched-command-worker", input);
  return new Promise((resolve) => {
    let code: number | undefined;
    let over = false;
    const finish = (exitCode: number, fault?: string) => {
      if (over) return;
      over = true;
      watchdog.stop();
      if (fault !== undefined) {
        console.error(`berth: ${terminalText(fault)}`);
        void worker.terminate();
      }
      resolve(exitCode);
    };
    const watchdog = new Watchdog(decisionTimeoutMs);
    watchdog.watch(state, (fault) => finish(1, fault));
    const asynchronous = (message: string) =>
      finish(1, describeFault(state, `failed asynchronously (in a timer or a promise): ${message}`, false));
    worker.on("message", (m: WatchedCommandMessage) => {
      if (m.type === "done") code = m.code;
      else asynchronous(m.message);
    });
    worker.on("error", (e) => asynchronous(String(e?.message ?? e).split("\n")[0]!));
    // The worker ends itself after "done" (its output flushed first).
    worker.on("exit", (exitCode) => {
      if (code !== undefined) finish(code);
      else
        finish(
          1,
          describeFault(state, `ended the command (the worker exited with code ${exitCode} first)`, false),
        );
    });
  });
}

/** The --decision-timeout of argv in milliseconds (the command itself checks the value). */
export function decisionTimeoutOf(argv: string[]): number {
  let text: string | undefined;
  argv.forEach((a, k) => {
    if (a === "--decision-timeout") text = argv[k + 1];
    else if (a.startsWith("--decision-timeout=")) text = a.slice("--decision-timeout=".length);
  });
  const seconds = Number(text);
  return text !== undefined && Number.isFinite(seconds) && seconds > 0
    ? seconds * 1000
    : DEFAULT_DECISION_TIMEOUT_MS;
}
