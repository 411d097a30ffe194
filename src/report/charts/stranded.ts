/** Stranded (unusable free) CPU and memory over time, one panel per resource: fragmentation. */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { cpuMemoryPanels } from "./shared.ts";

export function strandedChart(results: Results): TopLevelSpec {
  return cpuMemoryPanels(results, { cpu: "strandedCpu", memory: "strandedMemory" }, "stranded / registered");
}
