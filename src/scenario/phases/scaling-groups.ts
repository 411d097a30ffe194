/**
 * Phase "scaling groups": each instance group as an Auto Scaling group (min/max size, spot, launch delay,
 * warm-up, scheduled actions, the capacity provider it backs).
 */
import type { FieldPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";

export const scalingGroupsPhase: CompilePhase = {
  name: "scaling groups",
  reads: ["cluster"],
  uses: ["capacity providers"],
  run(ctx) {
    const { s, report, providerOf } = ctx;
    ctx.groups = s.cluster.instances.map((g, k) => {
      const at: FieldPath = ["cluster", "instances", k];
      const minSize = g.minSize ?? 0;
      const maxSize = g.maxSize ?? Math.max(g.count, ...(g.schedule ?? []).map((a) => a.desiredCapacity));
      if (minSize > maxSize)
        report.error([...at, "minSize"], `minSize ${minSize} exceeds maxSize ${maxSize}`);
      if (g.spotInstanceDraining !== undefined && !g.spot)
        report.error(
          [...at, "spotInstanceDraining"],
          "spotInstanceDraining applies to spot instances: set spot: true on this group",
        );
      if (g.capacityRebalance && !g.spot)
        report.error(
          [...at, "capacityRebalance"],
          "Capacity Rebalancing replaces at-risk Spot Instances: set spot: true",
        );
      if (g.count < minSize || g.count > maxSize)
        report.error(
          [...at, "count"],
          `count ${g.count} is outside minSize..maxSize (${minSize}..${maxSize})`,
        );
      return {
        name: g.name ?? `group-${k}`,
        minSize,
        maxSize,
        spot: g.spot ?? false,
        launchDelay: g.launchDelay ?? 0,
        warmup: g.warmup ?? 0,
        replaceUnhealthy: g.replaceUnhealthy ?? true,
        ...(g.capacityRebalance ? { capacityRebalance: true } : {}),
        schedule: [...(g.schedule ?? [])].sort((a, b) => a.at - b.at),
        provider: providerOf.get(k) ?? -1,
        ...(g.spotInstanceDraining === false ? { noSpotDraining: true } : {}),
      };
    });
  },
};
