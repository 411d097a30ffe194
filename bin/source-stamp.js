// The newest modification time of a folder tree: scripts/build.mjs records src/'s before it compiles, and
// bin/berth.js, in a clone, runs the compiled CLI only while src/ still has that stamp (no file edited,
// added or removed since the build; adding or removing a file changes its folder's time).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest mtime (ms) of `folder`, its subfolders and their files. */
export function newestMtime(folder) {
  let newest = statSync(folder).mtimeMs;
  for (const entry of readdirSync(folder, { recursive: true })) {
    const m = statSync(join(folder, entry)).mtimeMs;
    if (m > newest) newest = m;
  }
  return newest;
}
