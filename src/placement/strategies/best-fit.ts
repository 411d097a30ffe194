/**
 * best-fit (multi-resource, normalized): the instance left with the least total free capacity, each
 * resource counted as a fraction of what the instance registered.
 *   score(i) = sum over r in {cpu, memory, gpu*} of (free_r(i) - demand_r) / registered_r(i)
 * (*gpu only on instances with GPUs). Cost per decision: O(1) per candidate.
 */
import { defineStrategy } from "../strategy.ts";
import { leftoverSum } from "./normalized.ts";

export const bestFit = defineStrategy({
  name: "best-fit",
  description: "least normalized free capacity left (sum over cpu, memory, gpu)",
  index: { local: "shapeScore" },
  score: (i, t, { cluster }) => leftoverSum(cluster, i, t),
});
