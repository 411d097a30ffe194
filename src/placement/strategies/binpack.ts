/**
 * binpack on cpu or memory (ECS): the instance left with the least of that resource after placement.
 *   score(i) = free[field](i) - demand[field]   (lower is better)
 * Cost per decision: O(1) per candidate instance.
 */
import { defineStrategy, fieldText } from "../strategy.ts";

export const binpack = defineStrategy({
  name: "binpack",
  description: "ECS binpack: least of the field's resource left (field cpu or memory)",
  presets: { "binpack-cpu": ["cpu"], "binpack-memory": ["memory"] },
  setup({ field, cluster }) {
    if (field === "cpu") return { score: (i, t) => cluster.freeCpu(i) - t.cpu, index: { local: "freeCpu" } };
    if (field === "memory")
      return { score: (i, t) => cluster.freeMemory(i) - t.memory, index: { local: "freeMemory" } };
    throw new Error(`binpack field must be "cpu" or "memory" (got ${fieldText(field)})`);
  },
});
