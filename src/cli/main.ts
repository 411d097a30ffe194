/**
 * The berth command line. One file per command; this one dispatches and turns every expected failure into
 * one line on stderr and an exit code (2: bad input or usage, 1: a failed run). Set BERTH_DEBUG=1 to see
 * stack traces of unexpected errors.
 */
import { InputError } from "../scenario/problems.ts";
import { benchCommand } from "./bench.ts";
import { diffCommand } from "./diff.ts";
import { explainCommand } from "./explain.ts";
import { mergeCommand } from "./merge.ts";
import { runCommand } from "./run.ts";
import { sweepCommand } from "./sweep.ts";
import { UsageError } from "./usage-error.ts";
import { validateCommand } from "./validate.ts";

const COMMANDS: Record<string, (argv: string[]) => number | Promise<number>> = {
  run: runCommand,
  validate: validateCommand,
  explain: explainCommand,
  diff: diffCommand,
  bench: benchCommand,
  sweep: sweepCommand,
  merge: mergeCommand,
};

export const MAIN_HELP = `berth: simulate and compare container-scheduler strategies on an Amazon ECS-style model

Usage: berth <command> [options]

Commands:
  run <scenario>        compare strategies; write results.json, summary.md and index.html
  validate <scenario>   check scenario files without running them
  explain <scenario>    why tasks of one strategy did (not) fit: per-instance checks, nearest miss
  diff <scenario>       where two strategies' placements diverge on the same workload
  bench [scenario]      time each strategy's placement decision at several cluster sizes
  sweep <sweep.yaml>    what-if grid over scenario fields x seeds on all cores; report per cell
  merge <files|dirs>    combine the shard files of a sweep (--out DIR writes the full report)

Run "berth <command> --help" for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      console.log(MAIN_HELP);
      return command === undefined ? 2 : 0;
    }
    const handler = COMMANDS[command];
    if (!handler)
      throw new UsageError(`unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(", ")})`);
    return await handler(rest);
  } catch (e) {
    if (e instanceof InputError) {
      console.error(e.message);
      return 2;
    }
    if (e instanceof UsageError) {
      console.error(`berth: ${e.message}`);
      return 2;
    }
    const err = e as Error;
    console.error(`berth: ${err.message ?? String(e)}`);
    if (process.env.BERTH_DEBUG) console.error(err.stack);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
