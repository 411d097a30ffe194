/**
 * bin/berth.js picks what to run: the bundled CLI (dist/cli/berth.cjs) in an installed package, in a clone
 * only while src/ is unchanged since the build (bin/source-stamp.js), else the TypeScript source through
 * tsx; BERTH_USE_DIST=1 takes dist/ without the check. Checked on a throwaway package layout whose entry
 * points each print their name.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newestMtime } from "../../bin/source-stamp.js";

const ROOT = resolve(import.meta.dirname, "../..");
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A package folder with the real bin/ and stand-in entry points; `stamp` records src/ as built. */
function layout(parts: { source?: boolean; bundle?: boolean; stamp?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), "berth-bin-"));
  dirs.push(dir);
  cpSync(join(ROOT, "bin"), join(dir, "bin"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  mkdirSync(join(dir, "dist", "cli"), { recursive: true });
  writeFileSync(join(dir, "dist", "cli", "entry.js"), 'console.log("tsc output");\n');
  if (parts.bundle)
    writeFileSync(
      join(dir, "dist", "cli", "berth.cjs"),
      '// berth bundle 1d\nmodule.exports = { reportLateFailures() {}, async main() { console.log("bundle"); return 0; } };\n',
    );
  if (parts.source) {
    mkdirSync(join(dir, "src", "cli"), { recursive: true });
    writeFileSync(
      join(dir, "src", "cli", "entry.ts"),
      'const from: string = "source";\nconsole.log(from);\n',
    );
    if (parts.stamp)
      writeFileSync(join(dir, "dist", "cli", "berth.stamp"), `${newestMtime(join(dir, "src"))}\n`);
  }
  return dir;
}

function runs(dir: string, env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [join(dir, "bin", "berth.js")], {
    encoding: "utf8",
    env: { ...process.env, BERTH_USE_DIST: "", ...env },
  });
  expect(r.stderr).toBe("");
  return r.stdout.trim();
}

describe("bin/berth.js", () => {
  it("runs the bundle in an installed package (no src/), else tsc's output", () => {
    expect(runs(layout({ bundle: true }))).toBe("bundle");
    expect(runs(layout({}))).toBe("tsc output");
  });

  it("in a clone, runs the bundle while src/ is as it was built, and the source once a file changes", () => {
    const dir = layout({ source: true, bundle: true, stamp: true });
    expect(runs(dir)).toBe("bundle");
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, "src", "cli", "entry.ts"), later, later);
    expect(runs(dir)).toBe("source");
    expect(runs(dir, { BERTH_USE_DIST: "1" })).toBe("bundle");
  });

  it("in a clone, runs the source when a file was added or removed since the build", () => {
    const added = layout({ source: true, bundle: true, stamp: true });
    const later = new Date(Date.now() + 60_000);
    writeFileSync(join(added, "src", "new.ts"), "export {};\n");
    utimesSync(join(added, "src", "new.ts"), later, later);
    expect(runs(added)).toBe("source");
    const removed = layout({ source: true, bundle: true, stamp: true });
    writeFileSync(join(removed, "src", "cli", "gone.ts"), "export {};\n");
    writeFileSync(join(removed, "dist", "cli", "berth.stamp"), `${newestMtime(join(removed, "src"))}\n`);
    expect(runs(removed)).toBe("bundle");
    unlinkSync(join(removed, "src", "cli", "gone.ts"));
    utimesSync(join(removed, "src", "cli"), later, later);
    expect(runs(removed)).toBe("source");
  });

  it("in a clone that was never built (no stamp), runs the source", () => {
    expect(runs(layout({ source: true, bundle: true }))).toBe("source");
    expect(runs(layout({ source: true }))).toBe("source");
  });
});
