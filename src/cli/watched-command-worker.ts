/**
 * The worker side of watched-command.ts: runs one berth command with every strategy file it loads
 * watched (strategy-guard.ts), then says how the command ended and ends the thread.
 */
import { format } from "node:util";
import { parentPort, workerData } from "node:worker_threads";
import { main } from "./main.ts";
import { forbidProcessExit, installThreadWatch } from "./strategy-guard.ts";
import type { WatchedCommandInput, WatchedCommandMessage } from "./watched-command.ts";

const input = workerData as WatchedCommandInput;
const port = parentPort!;
const post = (m: WatchedCommandMessage) => port.postMessage(m);
installThreadWatch(input.watch);
const exit = forbidProcessExit();
// Strategy code failing later (a timer, a rejected promise) is reported, never a crash of the thread.
const failed = (e: unknown) =>
  post({ type: "async", message: String((e as Error)?.message ?? e).split("\n")[0]! });
process.on("uncaughtException", failed);
process.on("unhandledRejection", failed);

// The first attempt on the main thread printed these already.
const skip = new Map<string, number>();
for (const line of input.printed) skip.set(line, (skip.get(line) ?? 0) + 1);
const printError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const line = format(...args);
  const n = skip.get(line) ?? 0;
  if (n > 0) skip.set(line, n - 1);
  else printError(...args);
};

const code = await main(input.argv);
// A strategy's rejected promise or zero-delay timer surfaces before this: reported, not success.
await new Promise((settled) => setTimeout(() => setImmediate(settled), 0));
post({ type: "done", code });
exit(code);
