/**
 * Loading a strategy written in TypeScript from the compiled CLI: tsx's module loader is registered the
 * first time a .ts/.mts/.cts file is imported, and only then, so commands that load no TypeScript start
 * without it. Under tsx already (the repository's own source) there is nothing to do.
 */
const TYPESCRIPT = /\.[cm]?tsx?$/i;
let registered = false;

export async function ensureTypeScriptLoader(path: string): Promise<void> {
  if (registered || !TYPESCRIPT.test(path) || import.meta.url.endsWith(".ts")) return;
  const { register } = await import("tsx/esm/api");
  register();
  registered = true;
}
