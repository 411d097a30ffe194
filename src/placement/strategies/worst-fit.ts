/**
 * worst-fit (multi-resource, normalized): the instance left with the most total free capacity, each
 * resource counted as a fraction of what the instance registered (a load-leveling heuristic).
 *   score(i) = - sum over r in {cpu, memory, gpu*} of (free_r(i) - demand_r) / registered_r(i)
 * Cost per decision: O(1) per candidate.
 */
import { defineStrategy } from "../strategy.ts";
import { leftoverSum } from "./normalized.ts";

export const worstFit = defineStrategy({
  name: "worst-fit",
  description: "most normalized free capacity left (sum over cpu, memory, gpu)",
  index: { local: "shapeScore" },
  score: (i, t, { cluster }) => -leftoverSum(cluster, i, t),
});
