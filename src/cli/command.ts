/**
 * A command is declared once: its name, arguments, one-line summary, description and options (each with its
 * help text). From that come `berth <command> --help`, the line in `berth --help`, argument parsing with
 * one-line mistakes (parse-argv.ts) and the positional-count check; `run` receives typed values.
 * Every berth command is declared this way. Adding a command: one file exporting `defineCommand({...})`,
 * one line in commands.ts; adding a flag: one entry in its `options` (docs/cli-commands.md).
 */
import type { ArgValues } from "./args.ts";
import { parseCommandArgs } from "./args.ts";
import type { ArgOption } from "./parse-argv.ts";
import { UsageError } from "./usage-error.ts";

export interface OptionSpec extends ArgOption {
  /** Placeholder for the value in help ("DIR", "N"); string options only. */
  value?: string;
  /** Help text; "\n" starts a new line, indented under the first. */
  help: string;
  /** The command cannot run without it: shown in the usage line, and its absence is a usage error. */
  required?: boolean;
}

export interface CommandInput<O> {
  values: ArgValues<O>;
  positionals: string[];
  /** The words after the command name, as given (for provenance). */
  argv: string[];
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  name: string;
  /** Positional arguments as shown in help: "<scenario.yaml>", "[scenario.yaml]", "<scenario.yaml>...". */
  args: string;
  /** Paragraph(s) under the usage line of `berth <name> --help`. */
  description: string;
  options: O;
  /** Text after the options (exit codes, notes). */
  footer?: string;
  run(input: CommandInput<O>): number | Promise<number>;
}

export interface Command {
  name: string;
  args: string;
  /** Every option the command accepts (without the implicit -h/--help). */
  options: Readonly<Record<string, OptionSpec>>;
  help(): string;
  /** Parses argv (the words after the command name), prints help or runs; returns the exit code. */
  main(argv: string[]): Promise<number>;
}

/** Help lines longer than this many characters are wrapped at spaces. */
const HELP_WIDTH = 110;

/** `line` broken at spaces into pieces of at most `width` characters (a longer word stays whole). */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", help: "this help" };

export function defineCommand<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): Command {
  const arity = positionalArity(spec.args);
  return {
    name: spec.name,
    args: spec.args,
    options: spec.options,
    help: () => commandHelp(spec),
    async main(argv) {
      const { values, positionals } = parseCommandArgs(spec.name, argv, spec.options);
      if (values.help) {
        console.log(commandHelp(spec));
        return 0;
      }
      if (positionals.length < arity.min) {
        throw new UsageError(
          `${spec.name}: missing ${arity.names[positionals.length] ?? spec.args} (usage: berth ${spec.name} ${spec.args})`,
        );
      }
      if (positionals.length > arity.max) {
        const extra = positionals[arity.max]!;
        throw new UsageError(
          `${spec.name}: unexpected argument "${extra}" (usage: berth ${spec.name} ${spec.args})`,
        );
      }
      for (const [name, o] of Object.entries(spec.options)) {
        if (o.required && values[name as keyof typeof values] === undefined)
          throw new UsageError(
            `${spec.name}: --${name}${o.value ? ` ${o.value}` : ""} is required (see berth ${spec.name} --help)`,
          );
      }
      return await spec.run({ values, positionals, argv });
    },
  };
}

/** How many positionals `args` allows: <x> required, [x] optional, a trailing "..." any number more. */
export function positionalArity(args: string): { min: number; max: number; names: string[] } {
  const words = args.split(/\s+/).filter((w) => w !== "");
  const names = words.map((w) => w.replace(/\.\.\.$/, ""));
  const min = words.filter((w) => w.startsWith("<")).length;
  const max = words.some((w) => w.endsWith("...")) ? Number.POSITIVE_INFINITY : words.length;
  return { min, max, names };
}

export function commandHelp<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): string {
  const rows: [string, string][] = Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}`;
    const value = o.type === "string" ? ` ${o.value ?? "VALUE"}` : "";
    return [`${flag}${value}`, o.help];
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = rows.map(([left, help]) => {
    const [first, ...more] = help.split("\n").flatMap((l) => wrap(l, HELP_WIDTH - 2 - width));
    const pad = " ".repeat(2 + width);
    return [`  ${left.padEnd(width)}${first}`, ...more.map((m) => `${pad}${m}`)].join("\n");
  });
  const required = Object.entries(spec.options)
    .filter(([, o]) => o.required)
    .map(([name, o]) => ` --${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`)
    .join("");
  const parts = [
    `Usage: berth ${spec.name}${spec.args ? ` ${spec.args}` : ""}${required} [options]`,
    spec.description,
    `Options:\n${lines.join("\n")}`,
  ];
  if (spec.footer) parts.push(spec.footer);
  return parts.join("\n\n");
}

/**
 * A line of the registry (commands.ts): what `berth --help` shows, and how to load the command's module
 * (only when it is run, so start-up and `berth --help` load none of them).
 */
export interface CommandEntry {
  name: string;
  args: string;
  /** One line for `berth --help`. */
  summary: string;
  load(): Promise<Command>;
}

/** The list of commands in `berth --help`. */
export function commandList(commands: readonly CommandEntry[]): string {
  const rows = commands.map((c) => [`${c.name} ${c.args}`.trim(), c.summary] as const);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, summary]) => `  ${left.padEnd(width)}${summary}`).join("\n");
}
