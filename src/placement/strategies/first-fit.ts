/**
 * first-fit: the feasible instance registered first (lowest instance index). With tasks submitted largest
 * first this is first-fit decreasing (FFD), the classic bin-packing heuristic.
 *   rank(i) = i   (lower is better; never tied, so no random tie-break is drawn)
 * Cost per decision: O(1) per candidate instance.
 */
import type { StepFactory } from "../step.ts";

export const firstFit: StepFactory = (field) => {
  if (field !== undefined) throw new Error(`first-fit takes no field (got "${field}")`);
  return { rank: (i) => i };
};
