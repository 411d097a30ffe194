/**
 * berth bench [scenario]: how each strategy's placement decision time grows with cluster size.
 *
 *   1. pick the strategies (--strategy NAME..., default every built-in preset; a scenario adds its own);
 *   2. for each size, build a synthetic cluster of one instance type filled with the task shapes to the
 *      given occupancy (from the scenario's largest instance group and its task definitions when a
 *      scenario is named, else m5.2xlarge and the shapes of scenarios/scale-1m.yaml);
 *   3. time choose + reserve + release with tinybench (src/measure/decision-cost.ts);
 *   4. print the table and write bench.json, bench.md and bench.vl.json (Vega-Lite, log-log) to --out.
 */
import { join } from "node:path";
import { type DecisionCost, measureDecisionCost } from "../measure/decision-cost.ts";
import { DEFAULT_INSTANCE_TYPE, DEFAULT_SHAPES, DEFAULT_TASK_MIX } from "../measure/default-workload.ts";
import { PRESET_NAMES, presetStrategy } from "../placement/presets.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import { benchDecisionCostSpec } from "../report/charts/bench-decision-cost.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import { loadScenarioFile } from "../scenario/load.ts";
import { taskMixOf } from "../scenario/task-mix.ts";
import { type ArgValues, positiveInteger } from "./args.ts";
import { defineCommand, type OptionSpec } from "./command.ts";
import { checkOutputs, writeOutputs } from "./outputs.ts";
import { SCENARIO_OPTIONS, scenarioOverrides } from "./scenario-flags.ts";
import { loadStrategyModules } from "./strategy-files.ts";
import { selectStrategies } from "./strategy-selection.ts";
import { UsageError } from "./usage-error.ts";

const BENCH_OPTIONS = {
  strategy: {
    type: "string",
    multiple: true,
    value: "NAME",
    help:
      `a built-in (${PRESET_NAMES.join(", ")}) or a strategy of the scenario; repeat for\n` +
      "several (default: every built-in, plus the scenario's strategies)",
  },
  sizes: { type: "string", value: "LIST", help: "cluster sizes, comma-separated (default 100,1000,10000)" },
  occupancy: {
    type: "string",
    value: "X",
    help: "share of memory or CPU reserved before measuring, 0 < X < 1 (default 0.85)",
  },
  time: { type: "string", value: "MS", help: "tinybench time budget per strategy and size (default 300)" },
  scan: { type: "boolean", help: "also time the plain scan for strategies a placement index answers" },
  out: {
    type: "string",
    value: "DIR",
    help: "where to write bench.json, bench.md, bench.vl.json (default reports/bench/)",
  },
  ...SCENARIO_OPTIONS,
} as const satisfies Record<string, OptionSpec>;

export const bench = defineCommand({
  name: "bench",
  args: "[scenario.yaml]",
  description:
    "Measures how long each strategy takes to place one task on synthetic clusters of several sizes, so you see\n" +
    "at once whether a strategy scales. Each cluster is one instance type filled with task shapes to the given\n" +
    "occupancy: the scenario's largest instance group and its task definitions when a scenario is named, else\n" +
    "m5.2xlarge instances and four shapes from 512 MiB to 4 GiB. One measured decision = choose an instance,\n" +
    "reserve the task, release it (so occupancy stays put and index upkeep is included).",
  options: BENCH_OPTIONS,
  footer:
    "Statistics are tinybench's, per decision: the mean, the 99th percentile, and the relative margin of error\n" +
    "(half-width of the 95% confidence interval of the mean, as a percentage of the mean).\n" +
    "Exit codes: 0 ok, 2 bad input or usage.",
  run: ({ values, positionals }) => benchStrategiesOf(positionals[0], values),
});

/** `berth bench ARGV` (tests call it directly; it throws usage and input errors). */
export const benchCommand = (argv: string[]): Promise<number> => bench.main(argv);

async function benchStrategiesOf(
  file: string | undefined,
  values: ArgValues<typeof BENCH_OPTIONS>,
): Promise<number> {
  const sizes = parseSizes(values.sizes ?? "100,1000,10000");
  const occupancy = parseOccupancy(values.occupancy ?? "0.85");
  const time = positiveInteger("bench", "time", values.time) ?? 300;
  const outDir = values.out ?? join("reports", "bench");
  checkOutputs([
    { what: values.out !== undefined ? "--out" : "report folder", path: outDir, kind: "folder" },
  ]);

  const loaded = file ? loadScenarioFile(file, { overrides: scenarioOverrides("bench", values) }) : undefined;
  for (const w of loaded?.warnings ?? []) console.error(w);
  const scenario = loaded?.scenario;
  const strategies = await loadStrategyModules(
    benchStrategies(scenario, values.strategy),
    scenario?.portUniverse ?? [],
  );
  const instanceType = scenario ? largestGroupType(scenario) : DEFAULT_INSTANCE_TYPE;
  const shapes = scenario ? scenario.shapes : DEFAULT_SHAPES;

  console.log(
    `berth bench: ${strategies.length} strategies x sizes ${sizes.join(", ")} on ${instanceType.name} at ` +
      `${Math.round(occupancy * 100)}% occupancy (${shapes.length} task shapes${file ? ` from ${file}` : ""})`,
  );
  const rows = measureDecisionCost(strategies, {
    sizes,
    occupancy,
    instanceType,
    shapes,
    // fragmentation-aware's cost grows with the mix: time it with the scenario's real one.
    taskMix: scenario ? taskMixOf(scenario) : DEFAULT_TASK_MIX,
    time,
    withScan: values.scan ?? false,
  });
  const table = renderBenchTable(rows);
  console.log("");
  console.log(table);
  console.log("");
  console.log(
    "µs per decision (choose + reserve + release); ± = tinybench's relative margin of error (95%).",
  );

  const title = `Placement decision time vs cluster size (${instanceType.name}, ${Math.round(occupancy * 100)}% occupancy)`;
  writeOutputs([
    {
      path: join(outDir, "bench.json"),
      content: `${JSON.stringify({ instanceType: instanceType.name, occupancy, rows }, null, 2)}\n`,
    },
    { path: join(outDir, "bench.md"), content: `# ${title}\n\n${renderBenchMarkdown(rows)}\n` },
    {
      path: join(outDir, "bench.vl.json"),
      content: `${JSON.stringify(benchDecisionCostSpec(rows, title), null, 2)}\n`,
    },
  ]);
  console.log(`Wrote ${join(outDir, "bench.json")}, bench.md and bench.vl.json (Vega-Lite, log-log)`);
  return 0;
}

const HEADER = ["strategy", "instances", "path", "mean µs", "p99 µs", "±", "reserved"];

function cells(r: DecisionCost): string[] {
  return [
    r.strategy,
    String(r.instances),
    r.indexed ? "index" : "scan",
    r.meanUs.toFixed(3),
    r.p99Us.toFixed(3),
    `${r.rme.toFixed(1)}%`,
    r.reservedCpu > r.reservedMemory
      ? `${Math.round(r.reservedCpu * 100)}% cpu`
      : `${Math.round(r.reservedMemory * 100)}% mem`,
  ];
}

export function renderBenchTable(rows: DecisionCost[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const fmt = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [fmt(HEADER), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(fmt)].join("\n");
}

function renderBenchMarkdown(rows: DecisionCost[]): string {
  const line = (c: string[]) => `| ${c.join(" | ")} |`;
  return [
    line(HEADER),
    line(HEADER.map((_, c) => (c === 0 || c === 2 ? "---" : "---:"))),
    ...rows.map((r) => line(cells(r))),
  ].join("\n");
}

function parseSizes(text: string): number[] {
  const sizes = text.split(",").map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1_000_000)) {
    throw new UsageError(
      `bench: --sizes needs whole numbers from 1 to 1000000, comma-separated (got "${text}")`,
    );
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function parseOccupancy(text: string): number {
  const x = Number(text);
  if (!(x > 0 && x < 1))
    throw new UsageError(`bench: --occupancy needs a number between 0 and 1 (got "${text}")`);
  return x;
}

/** Named strategies, or (none named) the scenario's and every built-in. */
function benchStrategies(
  scenario: CompiledScenario | undefined,
  names: string[] | undefined,
): StrategySpec[] {
  const own = scenario?.strategies ?? [];
  if (names && names.length > 0) return selectStrategies("bench", own, names);
  return [
    ...own,
    ...PRESET_NAMES.filter((n) => !own.some((s) => s.name === n)).map((n) => presetStrategy(n)!),
  ];
}

function largestGroupType(scenario: CompiledScenario) {
  const largest = scenario.instanceGroups.reduce((a, b) => (b.count > a.count ? b : a));
  return largest.type;
}
