/**
 * Starts a worker thread on a module beside this file: from the repository's source the worker registers
 * tsx and compiles the TypeScript again in its own thread (~0.3-1 s); the compiled CLI runs the .js.
 */
import { Worker } from "node:worker_threads";

export function startCliWorker(name: string, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(`./${name}.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  const boot = fromSource
    ? `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`
    : `import(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, workerData, stdout: false, stderr: false });
}
