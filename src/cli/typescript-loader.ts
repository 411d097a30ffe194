/**
 * Loading a strategy written in TypeScript from the compiled CLI: tsx's module loader is registered the
 * first time a .ts/.mts/.cts file is imported, and only then, so commands that load no TypeScript start
 * without it. Under tsx already (the repository's own source) there is nothing to do on the main thread;
 * a pool worker thread (sweep, plan) has only tsx's require hook there, so it registers the loader too.
 */
import { isMainThread } from "node:worker_threads";

const TYPESCRIPT = /\.[cm]?tsx?$/i;
let registered = false;

export async function ensureTypeScriptLoader(path: string): Promise<void> {
  if (registered || !TYPESCRIPT.test(path) || (isMainThread && import.meta.url.endsWith(".ts"))) return;
  const { register } = await import("tsx/esm/api");
  register();
  registered = true;
}
