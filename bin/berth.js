#!/usr/bin/env node
// berth's command. An installed package runs the compiled, bundled CLI (dist/cli/berth.cjs, built by
// scripts/build.mjs at pack time) through bin/code-cache.js, which keeps V8's compiled code between runs.
// A clone of the repository runs the same bundle after `npm run build` as long as src/ is unchanged since
// that build (bin/source-stamp.js), and otherwise the TypeScript source through tsx, so an edit takes
// effect at once. BERTH_USE_DIST=1 runs dist/ without the check.
// Strategy files written in TypeScript load either way: the compiled CLI registers tsx's loader when it
// first meets one (src/cli/typescript-loader.ts).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const at = (path) => new URL(path, import.meta.url);
const source = at("../src/cli/entry.ts");
const bundle = at("../dist/cli/berth.cjs");

/** In a clone: whether dist/ was built from src/ as it is now. */
async function builtFromCurrentSource() {
  const stamp = at("../dist/cli/berth.stamp");
  if (!existsSync(bundle) || !existsSync(stamp)) return false;
  const { newestMtime } = await import("./source-stamp.js");
  return newestMtime(fileURLToPath(at("../src"))) <= Number(readFileSync(stamp, "utf8"));
}

if (!existsSync(source) || process.env.BERTH_USE_DIST === "1" || (await builtFromCurrentSource())) {
  if (existsSync(bundle)) {
    const { runBundle } = await import("./code-cache.js");
    await runBundle(fileURLToPath(bundle), process.argv.slice(2));
  } else {
    await import(at("../dist/cli/entry.js").href);
  }
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
}
