/**
 * first-fit: the instance registered first among those that fit (lowest instance index), as in the classic
 * bin-packing heuristic. Not an ECS strategy; a baseline from the bin-packing literature.
 *   rank(i) = i   (registration order; unique, so it never leaves a tie)
 * Cost per decision: O(1) per candidate instance with the scan; O(log n) with the placement index.
 */
import type { StepFactory } from "../step.ts";

export const firstFit: StepFactory = (field) => {
  if (field !== undefined) throw new Error(`first-fit takes no field (got "${field}")`);
  return { rank: (i) => i };
};
