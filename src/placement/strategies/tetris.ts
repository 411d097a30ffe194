/**
 * tetris (alignment, after Grandl et al., "Multi-Resource Packing for Cluster Schedulers", SIGCOMM'14):
 * prefer the instance whose free capacity points in the same direction as the task's demand, so that
 * resources are used up together instead of one running out first.
 *   score(i) = - sum over r of (demand_r / registered_r(i)) * (free_r(i) / registered_r(i))
 * (higher alignment is better, hence the minus). Cost per decision: O(1) per candidate.
 */
import { defineStrategy } from "../strategy.ts";
import { alignment } from "./normalized.ts";

export const tetris = defineStrategy({
  name: "tetris",
  description: "largest dot product of normalized demand and free capacity",
  index: { local: "shapeScore" },
  score: (i, t, { cluster }) => -alignment(cluster, i, t),
});
