/**
 * best-fit-l2: the instance whose normalized leftover vector is shortest (Euclidean norm), which, unlike
 * the plain sum, penalizes leaving one resource much freer than the others.
 *   score(i) = sqrt( sum over r of ((free_r(i) - demand_r) / registered_r(i))^2 )
 * Cost per decision: O(1) per candidate.
 */
import { defineStrategy } from "../strategy.ts";
import { leftoverNorm } from "./normalized.ts";

export const bestFitL2 = defineStrategy({
  name: "best-fit-l2",
  description: "shortest normalized leftover vector (L2 norm)",
  index: { local: "shapeScore" },
  score: (i, t, { cluster }) => leftoverNorm(cluster, i, t),
});
