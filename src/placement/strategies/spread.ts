/**
 * spread on instanceId (alias host) or attribute:NAME (ECS): balance the task's group across instances or
 * across the values of an attribute (for example availability zones).
 *   instanceId:      score(i) = tasks of the group on instance i
 *   attribute:NAME:  score(i) = tasks of the group on instances whose NAME equals i's NAME
 * Instances without the attribute form one bucket of their own. Cost per decision: O(1) per candidate.
 */
import { defineStrategy, fieldText } from "../strategy.ts";

export const spread = defineStrategy({
  name: "spread",
  description: "ECS spread: fewest tasks of the group on the instance or attribute value",
  // spread-az is the ECS service default (registry.ts DEFAULT_CHAIN).
  presets: {
    "spread-az": ["attribute:ecs.availability-zone", "instanceId"],
    "spread-instance": ["instanceId"],
  },
  setup({ field, cluster }) {
    if (field === "instanceId" || field === "host") {
      return { score: (i, t) => cluster.groupTasks(t.groupId, i), index: { local: "groupCount" } };
    }
    if (field?.startsWith("attribute:") && field.length > "attribute:".length) {
      const attribute = field.slice("attribute:".length);
      const count = cluster.groupTasksByAttribute(attribute);
      return { score: (i, t) => count(t.groupId, i), index: { attribute } };
    }
    throw new Error(
      `spread field must be "instanceId", "host" or "attribute:NAME" (got ${fieldText(field)})`,
    );
  },
});
