/** Reserved / registered CPU and memory over time, one panel per resource, mean over replications. */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { cpuMemoryPanels } from "./shared.ts";

export function utilizationChart(results: Results): TopLevelSpec {
  return cpuMemoryPanels(results, { cpu: "cpu", memory: "memory" }, "reserved / registered", {
    domain: [0, 1],
  });
}
