import { afterEach, describe, expect, it, vi } from "vitest";
import { commandList, defineCommand, positionalArity } from "../../src/cli/command.ts";
import { COMMANDS } from "../../src/cli/commands.ts";
import { main } from "../../src/cli/main.ts";
import { UsageError } from "../../src/cli/usage-error.ts";

afterEach(() => vi.restoreAllMocks());

const seen: unknown[] = [];
const greet = defineCommand({
  name: "greet",
  args: "<who> [times]",
  description: "Says hello.",
  options: {
    loud: { type: "boolean", help: "in capitals" },
    "sign-off": { type: "string", value: "TEXT", help: "a closing line;\nrepeatable", multiple: true },
  },
  footer: "Exit codes: 0 always.",
  run(input) {
    seen.push(input);
    const loud: boolean | undefined = input.values.loud;
    const signOff: string[] | undefined = input.values["sign-off"];
    return loud && signOff ? 0 : 3;
  },
});

describe("commands declared with defineCommand", () => {
  it("generates the help text from the declaration", () => {
    expect(greet.help()).toBe(
      [
        "Usage: berth greet <who> [times] [options]",
        "",
        "Says hello.",
        "",
        "Options:",
        "  --loud           in capitals",
        "  --sign-off TEXT  a closing line;",
        "                   repeatable",
        "  -h, --help       this help",
        "",
        "Exit codes: 0 always.",
      ].join("\n"),
    );
    const entry = { name: "greet", args: "<who> [times]", summary: "say hello", load: async () => greet };
    expect(commandList([entry])).toBe("  greet <who> [times]  say hello");
  });

  it("passes typed values and checks the number of positionals", async () => {
    expect(await greet.main(["ann", "--loud", "--sign-off", "bye"])).toBe(0);
    expect(seen.at(-1)).toEqual({
      values: { loud: true, "sign-off": ["bye"] },
      positionals: ["ann"],
      argv: ["ann", "--loud", "--sign-off", "bye"],
    });
    await expect(greet.main([])).rejects.toThrow(
      new UsageError("greet: missing <who> (usage: berth greet <who> [times])"),
    );
    await expect(greet.main(["a", "2", "x"])).rejects.toThrow('greet: unexpected argument "x"');
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await greet.main(["--help"])).toBe(0);
  });

  it("requires a required option, shows it in the usage line and wraps long help lines", async () => {
    const pick = defineCommand({
      name: "pick",
      args: "",
      description: "Picks one.",
      options: {
        from: { type: "string", value: "LIST", required: true, help: `one of ${"word ".repeat(40)}end` },
      },
      run: ({ values }) => (values.from === "a" ? 0 : 1),
    });
    const help = pick.help();
    expect(help.split("\n")[0]).toBe("Usage: berth pick --from LIST [options]");
    const lines = help.split("\n").filter((l) => l.includes("word"));
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(110);
    expect(lines.slice(1).every((l) => l.startsWith(" ".repeat(15)))).toBe(true);
    await expect(pick.main([])).rejects.toThrow(
      new UsageError("pick: --from LIST is required (see berth pick --help)"),
    );
    expect(await pick.main(["--from", "a"])).toBe(0);
  });

  it("reads positional arity from the usage words", () => {
    expect(positionalArity("<scenario.yaml>...")).toMatchObject({ min: 1, max: Number.POSITIVE_INFINITY });
    expect(positionalArity("[scenario]")).toMatchObject({ min: 0, max: 1 });
    expect(positionalArity("")).toMatchObject({ min: 0, max: 0 });
  });
});

describe("berth's top level", () => {
  it("lists every registered command once, each loading the command of its name", async () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.help()).toContain(`Usage: berth ${entry.name}`);
    }
  });

  it("suggests the nearest command for a misspelt one and answers --help and --version", async () => {
    const names = COMMANDS.map((c) => c.name);
    const errors: string[] = [];
    const out: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => errors.push(line));
    vi.spyOn(console, "log").mockImplementation((line: string) => out.push(line));
    expect(await main(["vaildate", "x.yaml"])).toBe(2);
    expect(errors).toEqual([
      `berth: unknown command "vaildate"; did you mean "validate"? (commands: ${names.join(", ")})`,
    ]);
    expect(await main(["--verison"])).toBe(2);
    expect(errors[1]).toBe(
      "berth: unknown option --verison; did you mean --version? (usage: berth <command> [options]; see berth --help)",
    );
    expect(await main(["--help"])).toBe(0);
    for (const c of COMMANDS) expect(out[0]).toContain(`  ${c.name} `);
    expect(await main(["help", "validate"])).toBe(0);
    expect(out[1]).toMatch(/^Usage: berth validate /);
    expect(await main(["--version"])).toBe(0);
    expect(out[2]).toMatch(/^\d+\.\d+\.\d+/);
  });
});
