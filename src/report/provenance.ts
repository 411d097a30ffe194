/**
 * How to reproduce a run: what ran (berth version, scenario, seeds, each strategy's origin and version or
 * file hash) is deterministic; how and when (the command line, Node version, date) is not, so results.json
 * keeps the latter in `provenance.invocation`, which, like `timing`, is left out of byte comparisons.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { StrategySpec } from "../placement/strategy-spec.ts";

export interface StrategyOrigin {
  name: string;
  /** scenario: defined in the scenario file (its hash covers it); built-in: a berth preset; file: strategy files. */
  source: "scenario" | "built-in" | "file";
  /** berth's version for built-ins; for files, "STEP sha256:HEX" per file. */
  version: string;
}

export interface Provenance {
  strategies: StrategyOrigin[];
  /** Not deterministic: differs between two identical runs. */
  invocation?: { command: string; node: string; date: string };
}

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function strategyOrigins(
  run: StrategySpec[],
  scenarioOwn: StrategySpec[],
  berthVersion: string,
): StrategyOrigin[] {
  return run.map((s) => {
    if (s.modulePaths) {
      const files = Object.entries(s.modulePaths).map(([step, path]) => `${step} sha256:${sha256(path)}`);
      return { name: s.name, source: "file", version: files.join(", ") };
    }
    if (scenarioOwn.some((own) => own.name === s.name))
      return { name: s.name, source: "scenario", version: "" };
    return { name: s.name, source: "built-in", version: `berth ${berthVersion}` };
  });
}

/** A word as a POSIX shell would need it quoted to be passed back unchanged. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function invocation(argv: string[], now = new Date()): NonNullable<Provenance["invocation"]> {
  return {
    command: ["berth", ...argv].map(shellWord).join(" "),
    node: process.version,
    date: now.toISOString(),
  };
}
