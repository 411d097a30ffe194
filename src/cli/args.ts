/** Command-line helpers shared by every command: parsing (parse-argv.ts) with --help, and number checks. */
import { type ArgOption, parseArgv } from "./parse-argv.ts";
import { UsageError } from "./usage-error.ts";

type ValueOf<O> = O extends { type: "boolean" } ? boolean : O extends { multiple: true } ? string[] : string;
/** The parsed values of `options`, typed from their declarations (every value may be absent). */
export type ArgValues<T> = { -readonly [K in keyof T]?: ValueOf<T[K]> } & { help?: boolean };

/** Parses argv for `command`; `-h`/`--help` is always accepted. Mistakes are one-line UsageErrors. */
export function parseCommandArgs<const T extends Record<string, ArgOption>>(
  command: string,
  argv: string[],
  options: T,
): { values: ArgValues<T>; positionals: string[] } {
  const parsed = parseArgv(command, argv, { ...options, help: { type: "boolean", short: "h" } });
  return parsed as { values: ArgValues<T>; positionals: string[] };
}

export function positiveInteger(
  command: string,
  flag: string,
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < 1)
    throw new UsageError(
      `${command}: --${flag} needs a whole number of 1 or more, e.g. --${flag} 5 (got "${value}")`,
    );
  return n;
}
