/**
 * Scenario loading at scale (issue 12): a generated scenario with N task definitions and N workload sources
 * (one source per task shape, 10,000 by default, about 2 MB of YAML), loaded with loadScenarioText. Prints
 * one JSON line: the median of `runs` loads (wall and CPU seconds), and what part of one load each phase
 * takes when timed on its own (parse, whole load).
 *
 *   node --import tsx bench/scenario-load.ts [SOURCES] [RUNS] [--json]
 *
 * --json writes the same scenario as JSON (one line) instead of YAML.
 */
import { loadScenarioText } from "../src/scenario/load.ts";

export function manySourcesScenario(n: number): string {
  const lines: string[] = [
    "name: many-sources",
    "seed: 1",
    "horizon: 1h",
    "pending: queue",
    "cluster:",
    "  instances:",
    "    - { type: m5.2xlarge, count: 100, zones: [us-east-1a, us-east-1b, us-east-1c] }",
    "taskDefinitions:",
  ];
  for (let k = 0; k < n; k++) {
    const cpu = 128 * (1 + (k % 8));
    const memory = 256 * (1 + (k % 16));
    lines.push(`  - family: svc-${k}`);
    lines.push("    containerDefinitions:");
    lines.push(`      - { name: main, cpu: ${cpu}, memory: ${memory} }`);
  }
  lines.push("workload:");
  for (let k = 0; k < n; k++) {
    lines.push(`  - taskDefinition: svc-${k}`);
    lines.push(`    arrival: { type: poisson, ratePerHour: ${1 + (k % 5)} }`);
    lines.push("    duration: { type: exponential, mean: 10m }");
  }
  lines.push("strategies:");
  lines.push("  - { name: binpack-memory, placementStrategy: [{ type: binpack, field: memory }] }");
  return `${lines.join("\n")}\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const [n = 10_000, runs = 5] = args.filter((a) => !a.startsWith("--")).map(Number);
  const yamlText = manySourcesScenario(n);
  const text = json ? JSON.stringify((await import("yaml")).parse(yamlText)) : yamlText;
  const file = json ? "many.json" : "many.yaml";
  const wall: number[] = [];
  const cpu: number[] = [];
  let sources = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { scenario } = loadScenarioText(file, text);
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    sources = scenario.sources.length;
  }
  console.log(
    JSON.stringify({
      sources,
      bytes: text.length,
      format: json ? "json" : "yaml",
      runs,
      medianWallSeconds: median(wall),
      medianCpuSeconds: median(cpu),
      wall: wall.map((w) => Number(w.toFixed(3))),
    }),
  );
}
