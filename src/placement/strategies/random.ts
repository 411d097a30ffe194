/**
 * random: every instance that passed the filters is equally likely. Implemented as "leave the choice to
 * the tie-break stream", so steps after it in a chain can never matter (as in ECS).
 * Cost per decision: O(1) per candidate (one reservoir draw per tied instance).
 */
import type { StepFactory } from "../step.ts";

export const random: StepFactory = (field) => {
  if (field !== undefined) throw new Error(`random takes no field (got "${field}")`);
  return "random";
};
