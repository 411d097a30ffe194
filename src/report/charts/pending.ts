/** Tasks waiting for placement over time, mean over replications. */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { seriesLines } from "./shared.ts";

export function pendingChart(results: Results): TopLevelSpec {
  return seriesLines(results, "pending", "pending tasks");
}
