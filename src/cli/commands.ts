/**
 * Every berth command, in the order `berth --help` lists them; a command's module is loaded only when it
 * runs. Each module declares its command with `defineCommand` (command.ts): its help, flags, flag mistakes
 * and argument count all come from that one declaration. Adding a command: write src/cli/NAME.ts, then add
 * one line here (`args` must be the declaration's own: test/cli/command.test.ts checks it).
 */
import type { CommandEntry } from "./command.ts";

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "run",
    args: "<scenario.yaml>",
    summary: "compare strategies; write results.json, summary.md and index.html",
    load: async () => (await import("./run.ts")).run,
  },
  {
    name: "report",
    args: "<results.json>",
    summary: "rebuild index.html and summary.md from a saved results.json",
    load: async () => (await import("./report.ts")).report,
  },
  {
    name: "validate",
    args: "<scenario.yaml>...",
    summary: "check scenario files (and their strategy files) without running them",
    load: async () => (await import("./validate.ts")).validate,
  },
  {
    name: "explain",
    args: "<scenario.yaml>",
    summary: "why tasks of one strategy did (not) fit: per-instance checks, nearest miss",
    load: async () => (await import("./explain.ts")).explain,
  },
  {
    name: "diff",
    args: "<scenario.yaml>",
    summary: "where two strategies' placements diverge on the same workload",
    load: async () => (await import("./diff.ts")).diff,
  },
  {
    name: "bench",
    args: "[scenario.yaml]",
    summary: "time each strategy's placement decision at several cluster sizes",
    load: async () => (await import("./bench.ts")).bench,
  },
  {
    name: "sweep",
    args: "<sweep.yaml>",
    summary: "what-if grid over scenario fields x seeds on all cores; report per cell",
    load: async () => (await import("./sweep.ts")).sweep,
  },
  {
    name: "merge",
    args: "<file.ndjson|folder>...",
    summary: "combine the shard files of a sweep (--out DIR writes the full report)",
    load: async () => (await import("./merge.ts")).merge,
  },
  {
    name: "plan",
    args: "<scenario.yaml>",
    summary: "smallest cluster (or largest load) whose SLOs hold at the 95% bound",
    load: async () => (await import("./plan.ts")).plan,
  },
  {
    name: "import",
    args: "<format> <files>...",
    summary: "a scenario from a public trace or your own ECS cluster (docs/traces.md)",
    load: async () => (await import("./import.ts")).importTrace,
  },
];
