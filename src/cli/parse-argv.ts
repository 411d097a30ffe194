/**
 * The command-line parser every command uses. Compared with node's parseArgs it explains mistakes in one
 * line a user can act on: an unknown option names the nearest known one, a string option always takes the
 * next word as its value (so `--seeds -3` reaches the number check, which says what it needs), a missing
 * value names the option, and a word like `-3` where no option expects a value is a positional.
 */
import { didYouMean } from "../core/nearest.ts";
import { UsageError } from "./usage-error.ts";

export interface ArgOption {
  type: "string" | "boolean";
  multiple?: boolean;
  short?: string;
}

export interface ParsedArgv {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses `argv` for `command` (used in messages) against `options`; throws UsageError on a mistake. */
export function parseArgv(
  command: string,
  argv: readonly string[],
  options: Record<string, ArgOption>,
): ParsedArgv {
  const known = new Map<string, ArgOption>(Object.entries(options));
  const byShort = new Map<string, string>();
  for (const [name, o] of known) if (o.short !== undefined) byShort.set(o.short, name);
  const values: ParsedArgv["values"] = Object.create(null);
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw new UsageError(`${command}: ${message} (see berth ${command} --help)`);
  };
  const set = (name: string, value: string | true) => {
    const o = known.get(name)!;
    if (o.multiple) {
      const list = (values[name] as string[] | undefined) ?? [];
      list.push(String(value));
      values[name] = list;
    } else values[name] = value;
  };
  const take = (name: string, shown: string, inline: string | undefined, i: number): number => {
    const o = known.get(name)!;
    if (o.type === "boolean") {
      if (inline !== undefined) fail(`${shown} takes no value (got "${shown}=${inline}")`);
      set(name, true);
      return i;
    }
    if (inline !== undefined) {
      set(name, inline);
      return i;
    }
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith("--") && next.length > 2)) fail(`${shown} needs a value`);
    set(name, next!);
    return i + 1;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      if (!known.has(name)) {
        fail(`unknown option --${name}${didYouMean(name, known.keys(), (s) => `--${s}`)}`);
      }
      i = take(name, `--${name}`, inline, i);
      continue;
    }
    if (arg.length > 1 && arg.startsWith("-") && !/^-[\d.]/.test(arg)) {
      // -h, -o VALUE, -oVALUE, or a cluster of boolean flags (-qv).
      for (let k = 1; k < arg.length; k++) {
        const name = byShort.get(arg[k]!);
        if (name === undefined) {
          const hint = arg.length > 2 && known.has(arg.slice(1)) ? `; did you mean --${arg.slice(1)}?` : "";
          fail(`unknown option -${arg[k]}${hint}`);
        }
        if (known.get(name!)!.type === "string") {
          const rest = arg.slice(k + 1);
          i = take(name!, `-${arg[k]}`, rest === "" ? undefined : rest, i);
          break;
        }
        set(name!, true);
      }
      continue;
    }
    positionals.push(arg);
  }
  return { values, positionals };
}
