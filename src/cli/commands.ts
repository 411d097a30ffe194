/**
 * Every berth command, in the order `berth --help` lists them. Adding a command: write src/cli/NAME.ts
 * exporting a `defineCommand({...})` (see command.ts), then add one line here.
 */
import { BENCH_HELP, benchCommand } from "./bench.ts";
import { type Command, commandFromFunction } from "./command.ts";
import { DIFF_HELP, diffCommand } from "./diff.ts";
import { EXPLAIN_HELP, explainCommand } from "./explain.ts";
import { RUN_HELP, runCommand } from "./run.ts";
import { validate } from "./validate.ts";

export const COMMANDS: readonly Command[] = [
  commandFromFunction(
    {
      name: "run",
      args: "<scenario>",
      summary: "compare strategies; write results.json, summary.md and index.html",
      help: RUN_HELP,
    },
    runCommand,
  ),
  validate,
  commandFromFunction(
    {
      name: "explain",
      args: "<scenario>",
      summary: "why tasks of one strategy did (not) fit: per-instance checks, nearest miss",
      help: EXPLAIN_HELP,
    },
    explainCommand,
  ),
  commandFromFunction(
    {
      name: "diff",
      args: "<scenario>",
      summary: "where two strategies' placements diverge on the same workload",
      help: DIFF_HELP,
    },
    diffCommand,
  ),
  commandFromFunction(
    {
      name: "bench",
      args: "[scenario]",
      summary: "time each strategy's placement decision at several cluster sizes",
      help: BENCH_HELP,
    },
    benchCommand,
  ),
];
