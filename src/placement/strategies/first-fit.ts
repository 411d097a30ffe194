/**
 * first-fit: the first instance, in registration order, that the task fits on.
 *   score(i) = i   (instance index; lower is better)
 * Cost per decision: O(1) per candidate; a scan can stop at the first fit (an index of instances with
 * free capacity can answer in O(log n)).
 */
import { defineStrategy } from "../strategy.ts";

export const firstFit = defineStrategy({
  name: "first-fit",
  description: "first instance in registration order that fits",
  index: { local: "instanceId" },
  score: (i) => i,
});
