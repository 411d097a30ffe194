/**
 * Phase "groups": names each instance group (its `name`, or group-K) so capacity providers and failures can
 * refer to it, and collects the zones the cluster uses.
 */
import type { CompilePhase } from "./context.ts";

export const groupsPhase: CompilePhase = {
  name: "groups",
  reads: ["cluster"],
  run({ s, report, groupNames, zones }) {
    s.cluster.instances.forEach((g, k) => {
      const name = g.name ?? `group-${k}`;
      if (groupNames.has(name))
        report.error(["cluster", "instances", k, "name"], `duplicate group name "${name}"`);
      groupNames.set(name, k);
    });
    for (const g of s.cluster.instances) for (const zone of g.zones ?? ["us-east-1a"]) zones.add(zone);
  },
};
