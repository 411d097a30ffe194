// Runs the bundled command line (dist/cli/berth.cjs, scripts/cli-bundle.mjs) with V8's code cache.
//
// Why: Node 20 keeps no compiled code between runs, and compiling the command line's 1.4 MB took about a
// third of a short `berth run` (the parse, then every function the run calls compiled on first use).
// Node 20 offers a code cache for classic scripts only (vm.Script cachedData), not for ES modules: so the
// command line is bundled as one CommonJS file, compiled here as a script with the cache beside it
// (berth.cjs.cache). V8 checks a cache against its own version and flags and the source's LENGTH only:
// given the cache of another source of the same length it runs the old code. So the build puts an id
// (a hash of the bundle) in the bundle's first line, `// berth bundle ID`, and the cache file starts with
// the id it was made for: a cache for another id is not used ("stale"), nor is any cache for a bundle
// without that line (never edit the bundle by hand; rebuild it). V8 ignores a cache it rejects; the
// command then compiles as it would without one.
// The build writes the cache after a small `berth run` (so it holds the functions a run compiles). When it
// is missing or V8 rejects it (another Node version than the build's), the command writes a new one once
// it has finished, if it can: to a temporary file renamed over the old one, never a half-written cache;
// not when node runs with options of its own (their flags would make every plain run reject it).
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";

/** The bundle's id, from its first line (`// berth bundle ID`), or undefined. */
function bundleId(source) {
  return /^\/\/ berth bundle ([0-9a-f]+)\n/.exec(source)?.[1];
}

/**
 * Compiles and runs the bundle at `file` (a path), returning its exports ({ main, reportLateFailures }),
 * the script and the bundle's id (for writeCodeCache), and what became of the cache: "accepted",
 * "rejected" (by V8: compiled without it), "stale" (made for another bundle: not used) or "none" (no
 * cache file, or a bundle without an id).
 */
export function loadBundle(file) {
  // The bundle sets this V8 flag when it loads (src/placement/cql/linear-regex.ts). V8 keys a cache on its
  // flags: set before compiling, the flags match those of the build's run that wrote the cache.
  setFlagsFromString("--enable-experimental-regexp-engine");
  const source = readFileSync(file, "utf8");
  const id = bundleId(source);
  let cacheStatus = "none";
  let cachedData;
  if (id !== undefined) {
    try {
      const bytes = readFileSync(`${file}.cache`);
      const header = Buffer.from(`${id}\n`);
      if (bytes.subarray(0, header.length).equals(header)) cachedData = bytes.subarray(header.length);
      else cacheStatus = "stale";
    } catch {
      // no cache file
    }
  }
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname, __berthImport) {${source}\n})`,
    { filename: file, ...(cachedData ? { cachedData } : {}) },
  );
  if (cachedData !== undefined) cacheStatus = script.cachedDataRejected ? "rejected" : "accepted";
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(file), module, file, dirname(file), importOutside);
  return { exports: module.exports, script, id, cacheStatus };
}

/** Runs `berth ARGV` from the bundle at `file`; sets the exit code as src/cli/entry.ts does. */
export async function runBundle(file, argv) {
  const { exports, script, id, cacheStatus } = loadBundle(file);
  exports.reportLateFailures();
  process.exitCode = await exports.main(argv);
  const own = process.execArgv.length > 0 || (process.env.NODE_OPTIONS ?? "") !== "";
  if (id !== undefined && cacheStatus !== "accepted" && !own) writeCodeCache(file, script, id);
}

/**
 * Writes `file`.cache for the bundle with this id from the script as it stands (with the functions
 * compiled so far); false if it cannot.
 */
export function writeCodeCache(file, script, id) {
  const temporary = `${file}.cache-${process.pid}`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${id}\n`), script.createCachedData()]));
    renameSync(temporary, `${file}.cache`);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/**
 * import() for the bundle (strategy files, tsx, the chart renderer; scripts/cli-bundle.mjs rewrites those
 * calls): an import() inside the script itself would fail once its code comes from the cache, since Node
 * 20 does not give functions compiled from a code cache the dynamic-import loader their script was given.
 * The bundle passes bare names and absolute URLs only, which resolve here as they would beside it.
 */
function importOutside(specifier) {
  return import(specifier);
}
