/**
 * Every berth command, in the order `berth --help` lists them; a command's module is loaded only when it
 * runs. Adding a command: write src/cli/NAME.ts exporting `defineCommand({...})` (see command.ts), then add
 * one line here.
 */
import { type CommandEntry, commandFromFunction } from "./command.ts";

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "run",
    args: "<scenario>",
    summary: "compare strategies; write results.json, summary.md and index.html",
    load: async () => {
      const m = await import("./run.ts");
      return commandFromFunction({ name: "run", args: "<scenario>", help: m.RUN_HELP }, m.runCommand);
    },
  },
  {
    name: "report",
    args: "<results.json>",
    summary: "rebuild index.html and summary.md from a saved results.json",
    load: async () => {
      const m = await import("./report.ts");
      return commandFromFunction(
        { name: "report", args: "<results.json>", help: m.REPORT_HELP },
        m.reportCommand,
      );
    },
  },
  {
    name: "validate",
    args: "<scenario>...",
    summary: "check scenario files (and their strategy files) without running them",
    load: async () => (await import("./validate.ts")).validate,
  },
  {
    name: "explain",
    args: "<scenario>",
    summary: "why tasks of one strategy did (not) fit: per-instance checks, nearest miss",
    load: async () => {
      const m = await import("./explain.ts");
      return commandFromFunction(
        { name: "explain", args: "<scenario>", help: m.EXPLAIN_HELP },
        m.explainCommand,
      );
    },
  },
  {
    name: "diff",
    args: "<scenario>",
    summary: "where two strategies' placements diverge on the same workload",
    load: async () => {
      const m = await import("./diff.ts");
      return commandFromFunction({ name: "diff", args: "<scenario>", help: m.DIFF_HELP }, m.diffCommand);
    },
  },
  {
    name: "bench",
    args: "[scenario]",
    summary: "time each strategy's placement decision at several cluster sizes",
    load: async () => {
      const m = await import("./bench.ts");
      return commandFromFunction({ name: "bench", args: "[scenario]", help: m.BENCH_HELP }, m.benchCommand);
    },
  },
  {
    name: "sweep",
    args: "<sweep.yaml>",
    summary: "what-if grid over scenario fields x seeds on all cores; report per cell",
    load: async () => {
      const m = await import("./sweep.ts");
      return commandFromFunction({ name: "sweep", args: "<sweep.yaml>", help: m.SWEEP_HELP }, m.sweepCommand);
    },
  },
  {
    name: "merge",
    args: "<files|dirs>...",
    summary: "combine the shard files of a sweep (--out DIR writes the full report)",
    load: async () => {
      const m = await import("./merge.ts");
      return commandFromFunction(
        { name: "merge", args: "<files|dirs>...", help: m.MERGE_HELP },
        m.mergeCommand,
      );
    },
  },
  {
    name: "plan",
    args: "<scenario>",
    summary: "smallest cluster (or largest load) whose SLOs hold at the 95% bound",
    load: async () => {
      const m = await import("./plan.ts");
      return commandFromFunction({ name: "plan", args: "<scenario>", help: m.PLAN_HELP }, m.planCommand);
    },
  },
  {
    name: "import",
    args: "<format> <files>...",
    summary: "a scenario from a public trace or your own ECS cluster (docs/traces.md)",
    load: async () => {
      const m = await import("./import.ts");
      return commandFromFunction(
        { name: "import", args: "<format> <files>...", help: m.IMPORT_HELP },
        m.importCommand,
      );
    },
  },
];
