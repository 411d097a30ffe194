/**
 * binpack on cpu or memory: the instance left with the least of that resource after placement.
 *   rank(i) = free[field](i) - demand[field]   (lower is better)
 * Cost per decision: O(1) per candidate instance.
 */
import type { StepFactory } from "../step.ts";

export const binpack: StepFactory = (field, { cluster }) => {
  if (field === "cpu") return { rank: (i, d) => cluster.freeCpu[i]! - d.shape.cpu };
  if (field === "memory") return { rank: (i, d) => cluster.freeMemory[i]! - d.shape.memory };
  throw new Error(
    `binpack field must be "cpu" or "memory" (got ${field === undefined ? "nothing" : `"${field}"`})`,
  );
};
