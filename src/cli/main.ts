/**
 * The berth command line. Commands are declared in commands.ts (one file each); this one dispatches and
 * turns every expected failure into one line on stderr and an exit code (2: bad input or usage, 1: a failed
 * run). Set BERTH_DEBUG=1 to see stack traces of unexpected errors.
 */
import { pathToFileURL } from "node:url";
import { didYouMean } from "../core/nearest.ts";
import { InputError } from "../scenario/problems.ts";
import { type CommandEntry, commandList } from "./command.ts";
import { COMMANDS } from "./commands.ts";
import { UsageError } from "./usage-error.ts";
import { packageVersion } from "./version.ts";

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
    return await (await findCommand(command).load()).main(rest);
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

// Run directly (`tsx src/cli/main.ts ...`, as older scripts and tests do), it behaves like entry.ts.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
