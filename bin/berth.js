#!/usr/bin/env node
// berth's command. An installed package runs the compiled CLI (dist/); a clone of the repository, which has
// src/ and no build step, runs the TypeScript source through tsx. Strategy files written in TypeScript
// load either way: the compiled CLI registers tsx's loader when it first meets one (src/cli/typescript-loader.ts).
import { existsSync } from "node:fs";

const source = new URL("../src/cli/entry.ts", import.meta.url);
if (existsSync(source) && process.env.BERTH_USE_DIST !== "1") {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import(new URL("../dist/cli/entry.js", import.meta.url).href);
}
