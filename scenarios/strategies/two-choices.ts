/**
 * two-choices: the "power of two choices" load balancer as a whole-decision strategy. Of the instances
 * that passed every filter, sample two at random and take the one with more free memory.
 *
 * It shows place() and the seeded random stream: the same seed gives the same samples on every run.
 * Cost per decision: O(1) after the pipeline's filtering.
 */
import { defineStrategy } from "../../src/placement/strategy.ts";

export default defineStrategy({
  name: "two-choices",
  description: "power of two random choices on free memory",
  setup({ cluster, random }) {
    return {
      place(_task, candidates) {
        const a = candidates[Math.floor(random() * candidates.length)]!;
        const b = candidates[Math.floor(random() * candidates.length)]!;
        return cluster.freeMemory(a) >= cluster.freeMemory(b) ? a : b;
      },
    };
  },
});
