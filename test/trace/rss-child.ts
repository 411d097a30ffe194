/**
 * Child process of stream-memory.test.ts: compiles a scenario replaying the trace given as argv[2] (the
 * compile scan streams every row through the TraceStream a run uses), then prints the task count and the
 * process's peak resident set size in bytes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenarioFile } from "../../src/scenario/load.ts";

const trace = process.argv[2]!;
const dir = process.argv[3]!;
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
console.log(
  JSON.stringify({ tasks, shapes: scenario.shapes.length, maxRss: process.resourceUsage().maxRSS * 1024 }),
);
