/**
 * random (ECS): every instance that passed the filters is equally likely. Every instance scores 0 and the
 * chain stops here, so the run's tie-break stream picks uniformly (steps after it never matter, as in ECS).
 * Cost per decision: O(1) per candidate and one draw; as a single step it is indexed (O(log n)).
 */
import { defineStrategy, fieldText } from "../strategy.ts";

export const random = defineStrategy({
  name: "random",
  description: "ECS random: uniform among the instances that fit",
  setup({ field }) {
    if (field !== undefined) throw new Error(`random takes no field (got ${fieldText(field)})`);
    return { score: () => 0, final: true, index: { local: "constant" } };
  },
});
