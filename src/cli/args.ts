/** Command-line parsing shared by every command: node's parseArgs, with its errors turned into UsageErrors. */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.ts";

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(`${command}: ${(e as Error).message.split("\n")[0]} (see berth ${command} --help)`);
  }
}

export function positiveInteger(
  command: string,
  flag: string,
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${command}: --${flag} needs a whole number >= 1 (got "${value}")`);
  return n;
}
