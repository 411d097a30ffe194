/**
 * bin/code-cache.js runs the bundled CLI with V8's code cache: a missing or rejected cache is written once
 * the command has finished (not when node runs with options of its own), an accepted one is used, a
 * corrupt one is ignored, and import() through __berthImport works from cached code (a plain import() in
 * the script fails there on Node 20). test/package/pack.test.ts checks that V8 accepts the real build's
 * cache where the package is installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const LOADER = pathToFileURL(join(ROOT, "bin", "code-cache.js")).href;
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A stand-in bundle whose main imports a module from outside it, as the strategy loader does. */
const BUNDLE = `// berth bundle 0a1b2c
function platformOf(os) { return typeof os.platform(); }
module.exports = {
  reportLateFailures() {},
  async main(argv) {
    const os = await __berthImport("node:os");
    console.log(argv.join(" "), platformOf(os), typeof __filename);
    return argv.length;
  },
};
`;

function bundleIn(text = BUNDLE): string {
  const dir = mkdtempSync(join(tmpdir(), "berth-cache-"));
  dirs.push(dir);
  const file = join(dir, "berth.cjs");
  writeFileSync(file, text);
  return file;
}

/** Runs the bundle as bin/berth.js does (a script file of its own: no node options unless given). */
function run(file: string, argv: string[], nodeOptions: string[] = []) {
  const script = join(file, "..", "run.mjs");
  writeFileSync(
    script,
    `import { runBundle } from ${JSON.stringify(LOADER)};\nawait runBundle(${JSON.stringify(file)}, process.argv.slice(2));\n`,
  );
  const r = spawnSync(process.execPath, [...nodeOptions, script, ...argv], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

function status(file: string): string {
  const program = `import { loadBundle } from ${JSON.stringify(LOADER)}; console.log(loadBundle(${JSON.stringify(file)}).cacheStatus);`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", program], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout.trim();
}

describe("bin/code-cache.js", () => {
  it("writes the cache after a run without one, then uses it, and import() works from cached code", () => {
    const file = bundleIn();
    expect(status(file)).toBe("none");
    const first = run(file, ["a", "b"]);
    expect(first).toEqual({ code: 2, stdout: "a b string string", stderr: "" });
    expect(existsSync(`${file}.cache`)).toBe(true);
    expect(status(file)).toBe("accepted");
    const cached = readFileSync(`${file}.cache`);
    expect(run(file, ["c"])).toEqual({ code: 1, stdout: "c string string", stderr: "" });
    // An accepted cache is left as it is.
    expect(readFileSync(`${file}.cache`).equals(cached)).toBe(true);
  });

  it("ignores a corrupt cache (the command runs the same) and replaces it", () => {
    const file = bundleIn();
    const junk = Buffer.from("not a V8 code cache at all, just bytes".repeat(20));
    writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from("0a1b2c\n"), junk]));
    expect(status(file)).toBe("rejected");
    expect(run(file, ["x"])).toEqual({ code: 1, stdout: "x string string", stderr: "" });
    expect(status(file)).toBe("accepted");
    writeFileSync(`${file}.cache`, junk);
    expect(status(file)).toBe("stale");
    expect(run(file, ["y"])).toEqual({ code: 1, stdout: "y string string", stderr: "" });
    expect(status(file)).toBe("accepted");
  });

  it("a cache made for another bundle is never used, even when V8 would take it (same length)", () => {
    const file = bundleIn();
    run(file, ["x"]);
    // V8 compares only the source's length: this rebuild (new id, same length) would run the old code.
    const rebuilt = BUNDLE.replace("0a1b2c", "0a1b2d").replace('argv.join(" ")', 'argv.join("+")');
    expect(rebuilt.length).toBe(BUNDLE.length);
    writeFileSync(file, rebuilt);
    expect(status(file)).toBe("stale");
    expect(run(file, ["x", "y"]).stdout).toBe("x+y string string");
    expect(status(file)).toBe("accepted");
    // A longer source under the old id: V8 rejects the cache itself.
    const longer = BUNDLE.replace('argv.join(" ")', 'argv.join(" / ")');
    run(file, ["x"]);
    writeFileSync(file, longer.replace("0a1b2c", "0a1b2d"));
    expect(status(file)).toBe("rejected");
    expect(run(file, ["x", "y"]).stdout).toBe("x / y string string");
  });

  it("keeps no cache for a bundle without an id line", () => {
    const file = bundleIn(BUNDLE.replace("// berth bundle 0a1b2c\n", ""));
    expect(run(file, ["x"]).stdout).toBe("x string string");
    expect(existsSync(`${file}.cache`)).toBe(false);
    expect(status(file)).toBe("none");
  });

  it("writes no cache when node runs with V8 options of its own", () => {
    const file = bundleIn();
    expect(run(file, ["x"], ["--max-old-space-size=200"]).stdout).toBe("x string string");
    expect(existsSync(`${file}.cache`)).toBe(false);
  });
});
