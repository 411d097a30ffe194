/**
 * Vitest global setup: every temporary file or folder of a test run (the tests', the CLI subprocesses',
 * the unpacked browser's) goes under one folder of that run, removed when the run ends, so a test that forgets
 * to clean up, or a run that is interrupted mid-test, leaves nothing in the system's temporary folder.
 * Workers and subprocesses inherit TMPDIR, which os.tmpdir() reads on every call.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const saved = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "berth-test-run-"));
  process.env.TMPDIR = dir;
  return () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  };
}
