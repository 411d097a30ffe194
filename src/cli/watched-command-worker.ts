/**
 * The worker side of watched-command.ts: runs one berth command with every strategy file it loads
 * watched (strategy-guard.ts), then says how the command ended and ends the thread.
 */
import { format } from "node:util";
import { parentPort, workerData } from "node:worker_threads";
import { forbidProcessExit, installThreadWatch } from "../sim/strategy-guard.ts";
import { main } from "./main.ts";
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

// The first attempt on the main thread printed these already: the same lines, in the same order, are
// skipped once each.
function skipping(print: (...args: unknown[]) => void, lines: string[]): (...args: unknown[]) => void {
  let next = 0;
  return (...args: unknown[]) => {
    if (next < lines.length && format(...args) === lines[next]) next++;
    else {
      next = lines.length;
      print(...args);
    }
  };
}
console.log = skipping(console.log.bind(console), input.printed.out);
console.error = skipping(console.error.bind(console), input.printed.err);

const code = await main(input.argv);
// A strategy's rejected promise or zero-delay timer surfaces before this: reported, not success.
await new Promise((settled) => setTimeout(() => setImmediate(settled), 0));
post({ type: "done", code });
exit(code);
