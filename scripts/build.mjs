#!/usr/bin/env node
// Builds the package: src/ -> dist/ as JavaScript with type declarations (tsc, tsconfig.build.json), run by
// `npm pack`/`npm publish` (prepack) and `npm run build`. tsc rewrites the source's relative ".ts" imports
// to ".js" in the JavaScript it emits, not in the declarations: this script rewrites those, so a
// strategy author's TypeScript resolves `import ... from "berth"` without allowImportingTsExtensions.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
  cwd: root,
});

const relativeTs = /(from\s+|import\s*\(\s*)(["'])(\.{1,2}\/[^"']+)\.ts\2/g;
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
  const file = join(entry.parentPath, entry.name);
  const text = readFileSync(file, "utf8");
  const fixed = text.replace(relativeTs, "$1$2$3.js$2");
  if (fixed !== text) writeFileSync(file, fixed);
}
