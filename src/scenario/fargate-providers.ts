/**
 * The built-in capacity providers FARGATE and FARGATE_SPOT: a capacity provider strategy may name them
 * without declaring them under capacityProviders (phases/fargate.ts models them).
 */
import type { Scenario } from "./schema.ts";

export const FARGATE = "FARGATE";
export const FARGATE_SPOT = "FARGATE_SPOT";

/** The sections fargateProvidersUsed reads. */
export const FARGATE_NAMED_IN = [
  "defaultCapacityProviderStrategy",
  "workload",
  "services",
  "strategies",
  "capacityProviders",
] as const;

/** FARGATE / FARGATE_SPOT when any capacity provider strategy of the scenario names them. */
export function fargateProvidersUsed(s: Scenario): string[] {
  const names = new Set<string>();
  const scan = (items?: { capacityProvider: string }[]) => {
    for (const it of items ?? [])
      if (it.capacityProvider === FARGATE || it.capacityProvider === FARGATE_SPOT)
        names.add(it.capacityProvider);
  };
  scan(s.defaultCapacityProviderStrategy);
  for (const w of s.workload) scan(w.capacityProviderStrategy);
  for (const sv of s.services ?? []) scan(sv.capacityProviderStrategy);
  for (const st of s.strategies) scan(st.capacityProviderStrategy);
  const declared = new Set((s.capacityProviders ?? []).map((p) => p.name));
  return [FARGATE, FARGATE_SPOT].filter((n) => names.has(n) && !declared.has(n));
}

/** The provider spec of FARGATE / FARGATE_SPOT (a ProviderSpec of compile-dynamics.ts). */
export function fargateProviderSpec(name: string) {
  return {
    name,
    group: -1,
    managedScaling: false,
    targetCapacity: 100,
    minimumScalingStepSize: 1,
    maximumScalingStepSize: 10000,
    instanceWarmupPeriod: 0,
    managedTerminationProtection: false,
    fargate: true,
  };
}
