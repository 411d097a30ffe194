/** Runs the real CLI entry point (bin/berth.js) in a child process, as a user would, with temp scenarios. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
  /**
   * CPU seconds (user + system) the child used, which a loaded machine stretches far less than the wall
   * clock; undefined where the system does not say (no /proc/self/stat: not Linux).
   */
  cpuSeconds: number | undefined;
  wallSeconds: number;
}

const STAT = "/proc/self/stat";

/**
 * CPU seconds of the children this process has waited for (cutime + cstime of /proc/self/stat, in the
 * kernel's 1/100 s ticks), or undefined off Linux.
 */
function childrenCpuSeconds(): number | undefined {
  if (!existsSync(STAT)) return undefined;
  const stat = readFileSync(STAT, "utf8");
  // Fields 3 onwards follow the command name, which is in parentheses and may hold spaces; cutime is 16th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

export function berth(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; maxOldSpaceMb?: number } = {},
): CliResult {
  const bin = join(import.meta.dirname, "..", "..", "bin", "berth.js");
  const node = options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : [];
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const r = spawnSync(process.execPath, [...node, bin, ...args], {
    encoding: "utf8",
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 60_000,
    env: { ...process.env, BERTH_DEBUG: "" },
  });
  const cpuAfter = childrenCpuSeconds();
  const cpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    signal: r.signal,
    cpuSeconds,
    wallSeconds: (performance.now() - started) / 1000,
  };
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
