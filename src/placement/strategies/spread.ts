/**
 * spread on instanceId (alias host) or attribute:NAME: balance the task's group across instances or
 * across the values of an attribute (for example availability zones).
 *   instanceId:      rank(i) = tasks of the group on instance i
 *   attribute:NAME:  rank(i) = tasks of the group on instances whose NAME equals i's NAME
 * Instances without the attribute form one bucket of their own. Cost per decision: O(1) per candidate.
 */
import type { StepFactory } from "../step.ts";

export const spread: StepFactory = (field, { groups }) => {
  if (field === "instanceId" || field === "host") {
    return { rank: (i, d) => groups.onInstance(d.group, i) };
  }
  if (field?.startsWith("attribute:") && field.length > "attribute:".length) {
    const attribute = groups.handle(field.slice("attribute:".length));
    return { rank: (i, d) => groups.onAttributeOf(attribute, d.group, i) };
  }
  throw new Error(
    `spread field must be "instanceId", "host" or "attribute:NAME" (got ${field === undefined ? "nothing" : `"${field}"`})`,
  );
};
