/**
 * Every registered command, checked from its declaration: help lists every flag, a misspelt flag gets the
 * right "did you mean", a missing or unwanted value and a bad value are one line and exit 2. A command that
 * went back to hand-written help or its own argument parsing would fail here.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Command } from "../../src/cli/command.ts";
import { COMMANDS } from "../../src/cli/commands.ts";
import { berthInProcess as berth } from "../helpers/main.ts";

afterEach(() => vi.restoreAllMocks());

const loaded: Command[] = [];
for (const entry of COMMANDS) loaded.push(await entry.load());

/**
 * A typo one edit from `name`: its last two letters swapped, or its last letter doubled when they are the
 * same or the name is short (--ot would be as near --out as --to).
 */
function typo(name: string): string {
  const a = name.at(-2)!;
  const b = name.at(-1)!;
  return a === b || name.length < 3 ? `${name}${b}` : `${name.slice(0, -2)}${b}${a}`;
}

describe.each(loaded.map((c) => [c.name, c] as const))("berth %s", (name, command) => {
  it("is declared with the registry's name and arguments and answers --help from the declaration", async () => {
    const entry = COMMANDS.find((c) => c.name === name)!;
    expect(command.args).toBe(entry.args);
    const r = await berth(name, "--help");
    expect(r.code).toBe(0);
    const help = r.out.join("\n");
    expect(help).toBe(command.help());
    expect(help.startsWith(`Usage: berth ${name} ${entry.args}`)).toBe(true);
    for (const [flag, o] of Object.entries(command.options)) {
      const value = o.type === "string" ? ` ${o.value}` : "";
      expect(help, flag).toMatch(new RegExp(`^  --${flag}${value.replace(/[|.*"]/g, "\\$&")}  `, "m"));
      expect(help, flag).toContain(o.help.split(/\s+/).slice(0, 4).join(" "));
    }
    expect(help).toMatch(/^ {2}-h, --help {2,}this help$/m);
  });

  it("names the nearest flag for every misspelt one, in one line with exit 2", async () => {
    for (const flag of Object.keys(command.options)) {
      const r = await berth(name, "x.yaml", `--${typo(flag)}`);
      expect(r.code, flag).toBe(2);
      expect(r.err, flag).toEqual([
        `berth: ${name}: unknown option --${typo(flag)}; did you mean --${flag}? (see berth ${name} --help)`,
      ]);
    }
  });

  it("says which flag lacks its value, or takes none", async () => {
    for (const [flag, o] of Object.entries(command.options)) {
      const r =
        o.type === "string"
          ? await berth(name, "x.yaml", `--${flag}`)
          : await berth(name, "x.yaml", `--${flag}=yes`);
      expect(r.code, flag).toBe(2);
      const what = o.type === "string" ? "needs a value" : 'takes no value (got "--';
      expect(r.err, flag).toHaveLength(1);
      expect(r.err[0], flag).toContain(`berth: ${name}: --${flag} ${what}`);
    }
  });
});

// A bad value for each flag whose value is checked: one line naming the flag, exit 2, before any run.
const SCENARIO = "scenarios/quickstart.yaml";
const BAD_VALUES: [string[], string][] = [
  [["run", SCENARIO, "--seeds", "-3"], "--seeds needs a whole number of 1 or more"],
  [["run", SCENARIO, "--seeds", "1.5"], "--seeds needs a whole number"],
  [["run", SCENARIO, "--decision-timeout", "0"], "--decision-timeout needs a number of seconds"],
  [["run", SCENARIO, "--load", "0"], "--load needs a number above 0"],
  [["run", SCENARIO, "--set", "nonsense"], "--set"],
  [["run", SCENARIO, "--baseline", "nope"], '--baseline "nope" is not among'],
  [["run", SCENARIO, "--gate", "gibberish"], "--gate"],
  [["run", SCENARIO, "--strategy", "nope"], 'unknown strategy "nope"'],
  [["run", SCENARIO, "--heatmap-seed", "x"], "--heatmap-seed needs one of the run's seeds"],
  [["validate", SCENARIO, "--load", "-1"], "--load needs a number above 0"],
  [["explain", SCENARIO], "--strategy NAME is required"],
  [["explain", SCENARIO, "--strategy", "binpack-memory", "--limit", "0"], "--limit needs a whole number"],
  [["explain", SCENARIO, "--strategy", "binpack-memory", "--seed", "-1"], "--seed needs a whole number"],
  [["explain", SCENARIO, "--strategy", "binpack-memory", "--at", "soon"], "--at needs a simulated time"],
  [["explain", SCENARIO, "--strategy", "binpack-memory", "--task", "x"], "--task needs a task id"],
  [["explain", SCENARIO, "--strategy", "binpack-memory", "--task", "1", "--at", "1"], "--task or --at"],
  [["diff", SCENARIO], "--strategies A,B is required"],
  [["diff", SCENARIO, "--strategies", "binpack-memory"], "--strategies needs two strategy names"],
  [["diff", SCENARIO, "--strategies", "binpack-memory,spread-az", "--limit", "0"], "--limit needs"],
  [["diff", SCENARIO, "--strategies", "binpack-memory,spread-az", "--points", "x"], "--points needs"],
  [["diff", SCENARIO, "--strategies", "binpack-memory,spread-az", "--seed", "x"], "--seed needs"],
  [["bench", "--sizes", "0"], "--sizes needs whole numbers"],
  [["bench", "--occupancy", "1"], "--occupancy needs a number between 0 and 1"],
  [["bench", "--time", "0"], "--time needs a whole number"],
  [["sweep", "scenarios/sweeps/mixed-fleet-growth.yaml", "--workers", "0"], "--workers needs a whole"],
  [["sweep", "scenarios/sweeps/mixed-fleet-growth.yaml", "--shard-total", "2"], "--shard-total goes with"],
  [["plan", SCENARIO, "--slo", "nonsense"], "--slo"],
  [["plan", SCENARIO], "give at least one --slo"],
  [["plan", SCENARIO, "--slo", "tasks.failedPlacement == 0", "--workers", "0"], "--workers needs"],
  [["plan", SCENARIO, "--headroom", "--compact"], "--headroom and --compact"],
  [["import", "google-2011", "package.json", "--sample", "2"], "--sample needs a share"],
  [["import", "google-2011", "package.json", "--from", "later"], "--from needs a time"],
  [["import", "google-2011", "package.json", "--seed", "0"], "--seed needs a whole number"],
  [["import", "google-2011", "package.json", "--ref-cpu", "x"], "--ref-cpu needs a whole number"],
  [["import", "google-2011", "package.json", "--machines", "-1"], "--machines needs a whole number"],
  [["import", "nope", "package.json"], 'unknown format "nope"'],
  [["import", "google-2011", "package.json", "--out", "package.json/x.yaml"], "--out package.json/x.yaml"],
];

describe("bad flag values", () => {
  it.each(BAD_VALUES.map(([argv, message]) => [argv.join(" "), argv, message] as const))(
    "berth %s: one line, exit 2",
    async (_, argv, message) => {
      const r = await berth(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toContain(message);
      expect(r.out.join("\n")).not.toMatch(/Report:|placed differently|probe/);
    },
  );

  it("covers every command that takes a value-checked flag", () => {
    const covered = new Set(BAD_VALUES.map(([argv]) => argv[0]));
    for (const c of loaded) {
      const checked = Object.values(c.options).some((o) => o.type === "string");
      // report's and merge's only value is --out, checked in report.test.ts and by #9's merge tests.
      if (checked && c.name !== "report" && c.name !== "merge") expect(covered, c.name).toContain(c.name);
    }
  });
});

describe("positional arguments", () => {
  it.each(loaded.filter((c) => c.args.startsWith("<")).map((c) => [c.name] as const))(
    "berth %s without its argument: one line, exit 2",
    async (name) => {
      const r = await berth(name);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(new RegExp(`^berth: ${name}: missing <`));
    },
  );
});

describe("the README's command line section", () => {
  it("shows every command with its arguments as declared", () => {
    const readme = readFileSync("README.md", "utf8");
    for (const c of loaded) expect(readme).toContain(`npm run berth -- ${c.name} ${c.args}`);
  });
});
