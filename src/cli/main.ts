/**
 * The berth command line. Commands are declared in commands.ts (one file each); this one dispatches and
 * turns every expected failure into one line on stderr and an exit code (2: bad input or usage, 1: a failed
 * run). Set BERTH_DEBUG=1 to see stack traces of unexpected errors.
 */
import { format } from "node:util";
import { didYouMean } from "../core/nearest.ts";
import { terminalText } from "../report/text-escape.ts";
import { formatProblem, InputError } from "../scenario/problems.ts";
import { NeedsWatchedThread, requireWatchedThread, withRunContext } from "../sim/strategy-guard.ts";
import { type Command, type CommandEntry, commandList } from "./command.ts";
import { COMMANDS } from "./commands.ts";
import { UsageError } from "./usage-error.ts";
import { packageVersion } from "./version.ts";
import { decisionTimeoutOf, type PrintedLines, runWatchedCommand } from "./watched-command.ts";

export function mainHelp(): string {
  return `berth: simulate and compare container-scheduler strategies on an Amazon ECS-style model

Usage: berth <command> [options]

Commands:
${commandList(COMMANDS)}

Options:
  -h, --help      this help
  -v, --version   the installed version

Run "berth <command> --help" for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      const about =
        command === "help" && rest[0] !== undefined ? await findCommand(rest[0]).load() : undefined;
      console.log(about ? about.help() : mainHelp());
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v" || command === "version") {
      console.log(packageVersion());
      return 0;
    }
    return await runCommand(await findCommand(command).load(), argv);
  } catch (e) {
    // User text inside messages (names, paths) may hold control characters: each problem stays one line
    // and nothing can move the cursor or recolour the terminal.
    if (e instanceof InputError) {
      const lines = e.problems.length > 0 ? e.problems.map(formatProblem) : [e.message];
      for (const line of lines) console.error(terminalText(line));
      return 2;
    }
    if (e instanceof UsageError) {
      console.error(`berth: ${terminalText(e.message)}`);
      return 2;
    }
    const err = e as Error;
    console.error(`berth: ${terminalText(withRunContext(String(err?.message ?? e)))}`);
    if (process.env.BERTH_DEBUG) console.error(err.stack);
    return 1;
  }
}

/**
 * Runs the command on this thread; if it meets strategy files, which must not run on the thread that
 * would have to watch them, it starts again in a watched worker (watched-command.ts).
 */
async function runCommand(command: Command, argv: string[]): Promise<number> {
  // What the first attempt prints (scenario warnings, validate's earlier files) is not printed again.
  const printed: PrintedLines = { out: [], err: [] };
  const { log: printLog, error: printError } = console;
  console.log = (...args: unknown[]) => {
    if (printed.out.length < 1000) printed.out.push(format(...args));
    printLog(...args);
  };
  console.error = (...args: unknown[]) => {
    if (printed.err.length < 1000) printed.err.push(format(...args));
    printError(...args);
  };
  requireWatchedThread(true);
  try {
    return await command.main(argv.slice(1));
  } catch (e) {
    if (!(e instanceof NeedsWatchedThread)) throw e;
  } finally {
    requireWatchedThread(false);
    console.log = printLog;
    console.error = printError;
  }
  return await runWatchedCommand(argv, printed, decisionTimeoutOf(argv));
}

function findCommand(name: string): CommandEntry {
  const found = COMMANDS.find((c) => c.name === name);
  if (found) return found;
  const names = COMMANDS.map((c) => c.name);
  if (name.startsWith("-")) {
    const hint = didYouMean(name.replace(/^-+/, ""), ["help", "version"], (s) => `--${s}`);
    throw new UsageError(
      `unknown option ${name}${hint} (usage: berth <command> [options]; see berth --help)`,
    );
  }
  const hint = didYouMean(name, names, (s) => `"${s}"`);
  throw new UsageError(`unknown command "${name}"${hint} (commands: ${names.join(", ")})`);
}

/**
 * Code that fails after its caller returned (a strategy's timer or rejected promise under bench, explain
 * or diff; `run` watches strategy files in a worker): one line, exit 1, never a raw stack trace.
 */
export function reportLateFailures(): void {
  const failedLater = (e: unknown) => {
    const first = String((e as Error)?.message ?? e).split("\n")[0]!;
    console.error(`berth: failed asynchronously (in a timer or a promise): ${terminalText(first)}`);
    if (process.env.BERTH_DEBUG) console.error((e as Error)?.stack);
    process.exit(1);
  };
  process.on("uncaughtException", failedLater);
  process.on("unhandledRejection", failedLater);
}
