/**
 * Trace figures (bench/RESULTS.md, "Traces"): `npx tsx bench/traces.ts` with ../shared/traces present.
 *   1. openb: import the node and default pod lists, replay them (hold: pods never leave, as the ATC'23
 *      simulator replays openb) through six strategies, one seed each; wall seconds per strategy and total.
 *   2. google-2011: import the task_events shard; rows/s and the process's peak RSS.
 * Absolute times on a shared machine are noisy: the load average is printed with the figures.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stringify } from "yaml";
import { importAlibabaGpu2023 } from "../src/import/alibaba-gpu-2023.ts";
import { importGoogle2011 } from "../src/import/google-2011.ts";
import { scenarioDocument, writeTraceFile } from "../src/import/write-import.ts";
import { loadScenarioFile } from "../src/scenario/load.ts";
import { simulate } from "../src/sim/simulate.ts";

const TRACES = resolve(import.meta.dirname, "../../shared/traces");
if (!existsSync(TRACES)) {
  console.error(`no trace samples at ${TRACES}`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "berth-trace-bench-"));
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);

// 1. openb through six strategies.
const t0 = performance.now();
const openb = importAlibabaGpu2023(
  [
    join(TRACES, "alibaba-gpu-2023/openb_node_list_all_node.csv"),
    join(TRACES, "alibaba-gpu-2023/openb_pod_list_default.csv"),
  ],
  {},
);
await writeTraceFile(join(dir, "openb.tasks.csv.gz"), openb.tasks);
const doc = scenarioDocument(openb, "openb-hold", "openb.tasks.csv.gz") as {
  workload: { trace: Record<string, unknown> }[];
  strategies: unknown[];
};
doc.workload[0]!.trace.hold = true;
doc.strategies = [
  { name: "binpack-memory", placementStrategy: [{ type: "binpack", field: "memory" }] },
  { name: "spread-instance", placementStrategy: [{ type: "spread", field: "instanceId" }] },
  { name: "first-fit", placementStrategy: [{ type: "first-fit" }] },
  { name: "best-fit", placementStrategy: [{ type: "best-fit" }] },
  { name: "tetris", placementStrategy: [{ type: "tetris" }] },
  { name: "fragmentation-aware", placementStrategy: [{ type: "fragmentation-aware" }] },
];
writeFileSync(join(dir, "openb.yaml"), stringify(doc));
const importSeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
const { scenario } = loadScenarioFile(join(dir, "openb.yaml"));
const loadSeconds = (performance.now() - t1) / 1000;
let total = 0;
let totalCpu = 0;
for (const st of scenario.strategies) {
  const s = performance.now();
  const c = process.cpuUsage();
  const run = simulate(scenario, st, 1);
  const secs = (performance.now() - s) / 1000;
  const used = process.cpuUsage(c);
  const cpu = (used.user + used.system) / 1e6;
  total += secs;
  totalCpu += cpu;
  console.log(
    `openb ${st.name.padEnd(20)} ${secs.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU  placed ${run.metrics.tasks.placed}  pending at end ${run.metrics.tasks.pendingAtEnd}`,
  );
}
console.log(
  `openb: import ${importSeconds.toFixed(2)} s, scenario load (trace scan) ${loadSeconds.toFixed(2)} s, six strategies ${total.toFixed(2)} s wall, ${totalCpu.toFixed(2)} s CPU`,
);

// 2. google-2011 shard import.
const shard = join(TRACES, "google-2011/task_events-part-00001-of-00500.csv.gz");
const g0 = performance.now();
const google = importGoogle2011([shard], {});
const gSeconds = (performance.now() - g0) / 1000;
console.log(
  `google-2011 shard: ${google.stats.rowsRead} rows, ${google.tasks.length} tasks in ${gSeconds.toFixed(2)} s = ${Math.round(google.stats.rowsRead / gSeconds)} rows/s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (whole process)`,
);
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
