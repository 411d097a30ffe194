/** Shared by the sweep tests: plan the fixture sweep, run units in-process, run the CLI as a child process. */
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { selectStrategies } from "../../src/cli/strategy-selection.ts";
import { loadSweepFile } from "../../src/sweep/load-sweep.ts";
import { planSweep } from "../../src/sweep/units.ts";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const SWEEP_FILE = `${FIXTURES}tiny-sweep.yaml`;
export const WORKER_URL = new URL("../../src/cli/sweep-worker.ts", import.meta.url).href;
const MAIN = fileURLToPath(new URL("../../src/cli/entry.ts", import.meta.url));

export function tinyPlan(file = SWEEP_FILE) {
  const sweep = loadSweepFile(file);
  return { sweep, plan: planSweep(sweep, (sc, names) => selectStrategies("sweep", sc.strategies, names)) };
}

/** `berth ...` in a child process: exit code, stdout, stderr. */
export function berth(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env, CI: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function berthChild(args: string[]) {
  return spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "1" },
  });
}
