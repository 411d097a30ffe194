/** Instances holding at least one task over time, mean over replications: what a packer saves. */
import type { TopLevelSpec } from "vega-lite";
import type { Results } from "../results.ts";
import { seriesLines } from "./shared.ts";

export function instancesInUseChart(results: Results): TopLevelSpec {
  return seriesLines(results, "instancesInUse", "instances in use");
}
