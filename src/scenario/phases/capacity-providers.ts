/**
 * Phase "capacity providers": each declared capacity provider with its Auto Scaling group and managed
 * scaling settings, then FARGATE / FARGATE_SPOT when a strategy uses them (fargate.ts adds their capacity).
 */
import { fargateProviderSpec, fargateProvidersUsed } from "../fargate-providers.ts";
import type { FieldPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";

export const capacityProvidersPhase: CompilePhase = {
  name: "capacity providers",
  reads: ["capacityProviders", "cluster"],
  uses: ["groups", "provider strategies"],
  run(ctx) {
    const { s, report, providers, groupNames, providerOf } = ctx;
    ctx.providerSpecs = (s.capacityProviders ?? []).map((p, k) => {
      const at: FieldPath = ["capacityProviders", k];
      if (providers.get(p.name) !== k)
        report.error([...at, "name"], `duplicate capacity provider "${p.name}"`);
      const group = groupNames.get(p.autoScalingGroup) ?? -1;
      if (group < 0)
        report.error([...at, "autoScalingGroup"], `no instance group named "${p.autoScalingGroup}"`);
      else if (providerOf.has(group))
        report.error(
          [...at, "autoScalingGroup"],
          `group "${p.autoScalingGroup}" already backs another provider`,
        );
      else providerOf.set(group, k);
      const m = p.managedScaling;
      const g = group >= 0 ? s.cluster.instances[group] : undefined;
      if (m && m.status === "ENABLED" && g && g.maxSize === undefined)
        report.warn(
          ["cluster", "instances", group],
          `group "${p.autoScalingGroup}" sets no maxSize, so managed scaling cannot grow it beyond ${g.count}`,
        );
      if (m && m.minimumScalingStepSize > m.maximumScalingStepSize)
        report.error([...at, "managedScaling"], "minimumScalingStepSize exceeds maximumScalingStepSize");
      return {
        name: p.name,
        group,
        managedScaling: m !== undefined && m.status === "ENABLED",
        targetCapacity: m?.targetCapacity ?? 100,
        minimumScalingStepSize: m?.minimumScalingStepSize ?? 1,
        maximumScalingStepSize: m?.maximumScalingStepSize ?? 10000,
        instanceWarmupPeriod: m?.instanceWarmupPeriod ?? 300,
        managedTerminationProtection: p.managedTerminationProtection === "ENABLED",
      };
    });
    for (const name of fargateProvidersUsed(s)) ctx.providerSpecs.push(fargateProviderSpec(name));
  },
};
