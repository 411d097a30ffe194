/**
 * Runs the CLI in this process through main(), what bin/berth.js runs after start-up: cheaper than a child
 * process (test/helpers/cli.ts) where the start-up itself is not what a test checks.
 */
import { vi } from "vitest";
import { main } from "../../src/cli/main.ts";

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
