/** Runs the real CLI entry point (bin/berth.js) in a child process, as a user would, with temp scenarios. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

export function berth(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; maxOldSpaceMb?: number } = {},
): CliResult {
  const bin = join(import.meta.dirname, "..", "..", "bin", "berth.js");
  const node = options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : [];
  const r = spawnSync(process.execPath, [...node, bin, ...args], {
    encoding: "utf8",
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 60_000,
    env: { ...process.env, BERTH_DEBUG: "" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "berth-test-"));
}

/** Writes `text` to a fresh temp folder as `name` and returns both. */
export function tempScenario(text: string, name = "s.yaml"): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

/** A small scenario that runs in well under a second. */
export const TINY = `name: tiny
seed: 7
replications: 2
horizon: 30m
cluster:
  instances:
    - { type: m5.large, count: 3, zones: [us-east-1a, us-east-1b] }
taskDefinitions:
  - family: web
    containerDefinitions:
      - { name: app, cpu: 512, memory: 1024, portMappings: [{ containerPort: 80, hostPort: 80 }] }
workload:
  - { taskDefinition: web, arrival: { type: poisson, ratePerHour: 120 }, duration: { type: exponential, mean: 2m } }
pending: fail
strategies:
  - { name: packed, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }
`;

/** No stack-trace frame ("    at f (file.ts:1:2)") and no Node internal error dump. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** Control characters a terminal acts on (C0 but tab and line feed, DEL): none may reach an output raw. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Characters XML 1.0 cannot hold (C0 but tab, line feed and carriage return). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
