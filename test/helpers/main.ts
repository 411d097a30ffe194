/**
 * Runs the CLI in this process, through main() (what bin/berth.js runs after start-up) or a command's own
 * entry: cheaper than a child process (test/helpers/cli.ts) where the start-up itself is not what a test
 * checks.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { runCommand } from "../../src/cli/run.ts";
import { tempScenario } from "./cli.ts";

export interface MainResult {
  code: number;
  out: string[];
  err: string[];
}

/** Runs `berth ...argv` in-process; returns the exit code and the lines printed to stdout and stderr. */
export async function berthInProcess(...argv: string[]): Promise<MainResult> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, "error").mockImplementation((line: unknown) => void err.push(String(line)));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

export interface RunOutcome {
  code: number;
  /** results.json as written (parsed, untyped as the tests read it), or undefined when the run wrote none. */
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whichever fields it checks
  results: any;
  file: string;
  dir: string;
}

/**
 * Writes `text` as DIR/s.yaml in a fresh folder and runs `berth run DIR/s.yaml --out DIR/out --quiet ...args`
 * in-process (runCommand: usage and input errors are thrown, not printed); the exit code and results.json.
 */
export async function runScenarioText(text: string, ...args: string[]): Promise<RunOutcome> {
  const { dir, file } = tempScenario(text);
  const out = join(dir, "out");
  const code = await runCommand([file, "--out", out, "--quiet", ...args]);
  const written = join(out, "results.json");
  const results = existsSync(written) ? JSON.parse(readFileSync(written, "utf8")) : undefined;
  return { code, results, file, dir };
}
