/**
 * berth diff <scenario> --strategies A,B: where two strategies' placements part ways on the same workload
 * (same seed, so the same tasks arrive at the same times): the first tasks placed differently, and how
 * instances in use and pending tasks diverge over the horizon.
 */
import { formatSeconds } from "../core/duration.ts";
import { terminalText } from "../report/text-escape.ts";
import { loadScenarioFile } from "../scenario/load.ts";
import {
  type Difference,
  differences,
  divergenceCurve,
  type Placement,
  traceRun,
} from "../sim/divergence.ts";
import { type ArgValues, positiveInteger } from "./args.ts";
import { defineCommand, type OptionSpec } from "./command.ts";
import { scenarioOverrides } from "./scenario-flags.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { UsageError } from "./usage-error.ts";
import { decisionTimeoutMs, SIMULATING_OPTIONS, workBudget } from "./work-check.ts";

const DIFF_OPTIONS = {
  strategies: {
    type: "string",
    value: "A,B",
    required: true,
    help: "the two strategies (scenario strategies, built-ins, or ./file.ts)",
  },
  seed: { type: "string", value: "N", help: "seed to run (default: the scenario's seed)" },
  limit: { type: "string", value: "N", help: "list at most N differently placed tasks (default 10)" },
  points: { type: "string", value: "N", help: "rows of the divergence table (default 12)" },
  ...SIMULATING_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

export const diff = defineCommand({
  name: "diff",
  args: "<scenario.yaml>",
  description:
    "Runs two strategies on the same workload (same seed) and shows where their placements diverge.",
  options: DIFF_OPTIONS,
  footer: "Exit codes: 0 ok, 1 a run failed, 2 bad input or usage.",
  run: ({ values, positionals }) => diffScenario(positionals[0]!, values),
});

/** `berth diff ARGV` (tests call it directly; it throws usage and input errors). */
export const diffCommand = (argv: string[]): Promise<number> => diff.main(argv);

async function diffScenario(file: string, values: ArgValues<typeof DIFF_OPTIONS>): Promise<number> {
  const names = (values.strategies ?? "").split(",").map((s) => s.trim());
  if (names.length !== 2 || names.some((n) => n === ""))
    throw new UsageError(
      "diff: --strategies needs two strategy names separated by a comma, e.g. --strategies binpack-memory,spread-az",
    );
  const limit = positiveInteger("diff", "limit", values.limit) ?? 10;
  const points = positiveInteger("diff", "points", values.points) ?? 12;
  decisionTimeoutMs("diff", values["decision-timeout"]); // checked here; main.ts's watcher applies it

  const { scenario, warnings } = loadScenarioFile(file, {
    overrides: scenarioOverrides("diff", values),
  });
  for (const w of warnings) console.error(terminalText(w));
  const [a, b] = await loadStrategyModules(
    selectStrategies("diff", scenario.strategies, names),
    scenario.portUniverse,
  );
  const seed = values.seed === undefined ? scenario.seed : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError(`diff: --seed needs a whole number >= 0 (got "${values.seed}")`);

  const budget = workBudget("diff", file, scenario, 2, 1, values["allow-large"] ?? false);
  const ta = traceRun(scenario, a!, seed, budget);
  const tb = traceRun(scenario, b!, seed, budget);
  const diffs = differences(ta, tb);
  // Names, families and instance ids are user text: escaped for the terminal.
  const print = (line: string) => console.log(terminalText(line));
  print(`berth diff: ${scenario.name}, seed ${seed}: A = ${a!.name}, B = ${b!.name}`);
  print(`${diffs.length} of ${ta.placements.size} tasks placed differently`);
  if (diffs.length > 0) {
    print("");
    print(`First ${Math.min(limit, diffs.length)} placed differently:`);
    for (const d of diffs.slice(0, limit)) print(`  ${describe(d)}`);
  }
  console.log("");
  const header = ["time", "in use A", "in use B", "pending A", "pending B", "placed differently"];
  const rows = divergenceCurve(ta, tb, diffs, scenario.horizon, points).map((p) => [
    formatSeconds(p.time),
    String(p.inUseA),
    String(p.inUseB),
    String(p.pendingA),
    String(p.pendingB),
    String(p.differentSoFar),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: string[]) => cells.map((c, k) => c.padStart(widths[k]!)).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  return 0;
}

function where(p: Placement): string {
  if (p.instance === "") return "never placed";
  const waited = p.startedAt - p.submittedAt;
  return waited > 0 ? `${p.instance} after ${formatSeconds(waited)}` : p.instance;
}

function describe(d: Difference): string {
  return `${d.task} (${d.family}) submitted at ${formatSeconds(d.submittedAt)}: A ${where(d.a)}, B ${where(d.b)}`;
}
