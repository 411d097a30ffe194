/**
 * Phase "instance faults": failures.instances (random by mtbf or at a time), zoneOutages, spotInterruptions
 * and drains, each target's group and zone checked against the cluster.
 */
import { FARGATE_NAMED_IN, fargateProvidersUsed } from "../fargate-providers.ts";
import type { FieldPath } from "../problems.ts";
import type { CompileContext, CompilePhase } from "./context.ts";

export const instanceFaultsPhase: CompilePhase = {
  name: "instance faults",
  reads: ["failures"],
  uses: ["groups", "scaling groups"],
  run(ctx) {
    const { s, report, zones, groups } = ctx;
    const f = s.failures ?? {};
    ctx.instanceFailures = (f.instances ?? []).map((x, k) => ({
      ...target(ctx, x, ["failures", "instances", k]),
      ...(x.mtbf !== undefined ? { mtbf: x.mtbf } : {}),
      ...(x.at !== undefined ? { at: x.at } : {}),
    }));
    (f.instances ?? []).forEach((x, k) => {
      if (x.mtbf !== undefined && x.mtbf <= 0)
        report.error(["failures", "instances", k, "mtbf"], "mtbf must be above 0");
    });
    ctx.zoneOutages = (f.zoneOutages ?? []).map((z, k) => {
      if (!zones.has(z.zone))
        report.error(["failures", "zoneOutages", k, "zone"], `no instance group uses zone "${z.zone}"`);
      return { zone: z.zone, at: z.at, for: z.for };
    });
    ctx.spotInterruptions = (f.spotInterruptions ?? []).map((x, k) => {
      const at: FieldPath = ["failures", "spotInterruptions", k];
      const t = target(ctx, x, at);
      if (t.group >= 0 && !groups[t.group]?.spot)
        report.error([...at, "group"], `group "${x.group}" is not a spot group`);
      if (
        ctx.valid(...FARGATE_NAMED_IN) &&
        !groups.some((g) => g.spot) &&
        !fargateProvidersUsed(s).includes("FARGATE_SPOT")
      )
        report.error(at, "no instance group sets spot: true and no strategy uses FARGATE_SPOT");
      return {
        ...t,
        ...(x.at !== undefined ? { at: x.at } : {}),
        ...(x.meanTimeToInterruption !== undefined
          ? { meanTimeToInterruption: x.meanTimeToInterruption }
          : {}),
        ...(x.rebalanceRecommendation !== undefined
          ? { rebalanceRecommendation: x.rebalanceRecommendation }
          : {}),
      };
    });
    ctx.drains = (f.drains ?? []).map((x, k) => ({ ...target(ctx, x, ["failures", "drains", k]), at: x.at }));
  },
};

/** A fault's target: its group (by name, -1 for any), zone and count, the names checked. */
function target(
  ctx: CompileContext,
  t: { group?: string | undefined; zone?: string | undefined; count: number },
  at: FieldPath,
) {
  let group = -1;
  if (t.group !== undefined) {
    group = ctx.groupNames.get(t.group) ?? -1;
    if (group < 0) ctx.report.error([...at, "group"], `no instance group named "${t.group}"`);
  }
  if (t.zone !== undefined && !ctx.zones.has(t.zone))
    ctx.report.error([...at, "zone"], `no instance group uses zone "${t.zone}"`);
  return { group, count: t.count, ...(t.zone !== undefined ? { zone: t.zone } : {}) };
}
