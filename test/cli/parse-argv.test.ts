import { describe, expect, it } from "vitest";
import { parseArgv } from "../../src/cli/parse-argv.ts";
import { UsageError } from "../../src/cli/usage-error.ts";

const OPTIONS = {
  out: { type: "string" },
  strategy: { type: "string", multiple: true },
  seeds: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
} as const;

const parse = (...argv: string[]) => parseArgv("run", argv, OPTIONS);
const mistake = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error("expected a usage error");
};

describe("command-line parsing", () => {
  it("reads values inline or from the next word, repeats, short flags and positionals", () => {
    const { values, positionals } = parse(
      "s.yaml",
      "--out=reports/x",
      "--strategy",
      "a",
      "--strategy=b",
      "-q",
      "--seeds",
      "4",
    );
    expect(values).toEqual({ out: "reports/x", strategy: ["a", "b"], quiet: true, seeds: "4" });
    expect(positionals).toEqual(["s.yaml"]);
    expect(parse("--", "--out", "-q").positionals).toEqual(["--out", "-q"]);
    expect(parse("-", "-3").positionals).toEqual(["-", "-3"]);
  });

  it("hands a negative number to the option so its own check can explain it", () => {
    expect(parse("--seeds", "-3").values.seeds).toBe("-3");
  });

  it("names an unknown option with the nearest known one, in one line", () => {
    expect(mistake("--stratgy", "x")).toBe(
      "run: unknown option --stratgy; did you mean --strategy? (see berth run --help)",
    );
    expect(mistake("--frobnicate")).toBe("run: unknown option --frobnicate (see berth run --help)");
    expect(mistake("-x")).toBe("run: unknown option -x (see berth run --help)");
    expect(mistake("-quiet")).toBe("run: unknown option -u; did you mean --quiet? (see berth run --help)");
  });

  it("says which option lacks its value and which takes none", () => {
    expect(mistake("--out")).toBe("run: --out needs a value (see berth run --help)");
    expect(mistake("--out", "--quiet")).toBe("run: --out needs a value (see berth run --help)");
    expect(mistake("--quiet=yes")).toBe(
      'run: --quiet takes no value (got "--quiet=yes") (see berth run --help)',
    );
  });

  it("keeps user-written option names out of the prototype chain", () => {
    expect(mistake("--__proto__")).toContain("unknown option --__proto__");
    expect(Object.getPrototypeOf(parse("--out", "x").values)).toBeNull();
  });
});
