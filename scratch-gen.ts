import { performance } from "node:perf_hooks";
import { loadScenarioText } from "/work/w12/src/scenario/load.ts";
const n = Number(process.argv[2] ?? 10000);
const lines = [
  "name: many-sources",
  "seed: 1",
  "horizon: 1h",
  "cluster:",
  "  instances:",
  "    - { type: m5.2xlarge, count: 100, zones: [us-east-1a, us-east-1b] }",
  "taskDefinitions:",
];
for (let k = 0; k < n; k++)
  lines.push(`  - family: f${k}`, "    containerDefinitions:", `      - { name: c, cpu: ${128 + (k % 16) * 32}, memory: ${256 + (k % 97) * 16} }`);
lines.push("workload:");
for (let k = 0; k < n; k++)
  lines.push(`  - { taskDefinition: f${k}, arrival: { type: poisson, ratePerHour: 1 }, duration: { type: exponential, mean: 10m } }`);
lines.push("strategies:", "  - { name: binpack-memory, placementStrategy: [{ type: binpack, field: memory }] }");
const text = `${lines.join("\n")}\n`;
for (let r = 0; r < 3; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const loaded = loadScenarioText("many.yaml", text);
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ sources: loaded.scenario.sources.length, bytes: text.length, wallS: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 }));
}
