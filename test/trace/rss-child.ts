/**
 * Child process of stream-memory.test.ts: compiles, one after the other in this process, a scenario
 * replaying each trace given after argv[2] (the compile scan streams every row through the TraceStream a run
 * uses). After each it prints one JSON line: the task count, the process's peak resident set size so far
 * and the heap still in use after a full collection (run it with --expose-gc), both in bytes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenarioFile } from "../../src/scenario/load.ts";

const dir = process.argv[2]!;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
for (const trace of process.argv.slice(3)) {
  const scenarioFile = join(dir, "rss.yaml");
  writeFileSync(
    scenarioFile,
    `name: rss
horizon: 100d
cluster: { instances: [{ type: m5.large, count: 1 }] }
workload: [{ trace: { file: ${JSON.stringify(trace)} } }]
strategies: [{ name: binpack }]
`,
  );
  const { scenario } = loadScenarioFile(scenarioFile);
  const tasks = scenario.sources[0]!.trace!.reconciliation.tasks;
  gc();
  console.log(
    JSON.stringify({
      tasks,
      maxRss: process.resourceUsage().maxRSS * 1024,
      heap: process.memoryUsage().heapUsed,
    }),
  );
}
