#!/usr/bin/env node
// Builds the package: src/ -> dist/ as JavaScript with type declarations (tsc, tsconfig.build.json), run by
// `npm pack`/`npm publish` (prepack) and `npm run build`. tsc rewrites the source's relative ".ts" imports
// to ".js" in the JavaScript it emits, not in the declarations: this script rewrites those, so a
// strategy author's TypeScript resolves `import ... from "berth"` without allowImportingTsExtensions.
// Then it bundles the command line (cli-bundle.mjs): what bin/berth.js runs.
// The build goes to a folder of its own that replaces dist/ only when complete: a berth command started
// meanwhile (the test suite's, while its pack test builds) finds the old dist/ or the new one, never half.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { newestMtime } from "../bin/source-stamp.js";
import { bundleCli } from "./cli-bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const building = join(root, `.dist-building-${process.pid}`);
rmSync(building, { recursive: true, force: true });
try {
  const sourceStamp = newestMtime(join(root, "src"));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", building], {
    stdio: "inherit",
    cwd: root,
  });

  const relativeTs = /(from\s+|import\s*\(\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g;
  for (const entry of readdirSync(building, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    const fixed = text.replace(relativeTs, "$1$2$3.js$2");
    if (fixed !== text) writeFileSync(file, fixed);
  }

  await bundleCli(root, building, sourceStamp);

  const old = join(root, `.dist-old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(building, dist);
  rmSync(old, { recursive: true, force: true });
} catch (e) {
  rmSync(building, { recursive: true, force: true });
  throw e;
}
