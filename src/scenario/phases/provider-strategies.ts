/**
 * Phase "provider strategies": capacity provider names to indices (the declared providers, then FARGATE and
 * FARGATE_SPOT when a strategy names them), so later phases can resolve a capacityProviderStrategy; and the
 * scenario's defaultCapacityProviderStrategy.
 */
import type { ProviderShare } from "../compiled.ts";
import { fargateProvidersUsed } from "../fargate-providers.ts";
import type { CompileReport, FieldPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";

export const providerStrategiesPhase: CompilePhase = {
  name: "provider strategies",
  reads: ["capacityProviders", "defaultCapacityProviderStrategy"],
  run(ctx) {
    const { s } = ctx;
    const names = [...(s.capacityProviders ?? []).map((p) => p.name), ...fargateProvidersUsed(s)];
    ctx.providers = new Map(names.map((name, k) => [name, k]));
    ctx.defaultStrategy = s.defaultCapacityProviderStrategy
      ? resolveStrategy(
          s.defaultCapacityProviderStrategy,
          ["defaultCapacityProviderStrategy"],
          ctx.providers,
          ctx.report,
        )
      : [];
  },
};

/** A capacityProviderStrategy with provider names resolved to indices, checked as ECS checks it. */
export function resolveStrategy(
  items: { capacityProvider: string; base: number; weight: number }[],
  at: FieldPath,
  providers: Map<string, number>,
  report: CompileReport,
): ProviderShare[] {
  const out: ProviderShare[] = [];
  items.forEach((item, j) => {
    const p = providers.get(item.capacityProvider);
    if (p === undefined)
      report.error([...at, j, "capacityProvider"], `no capacity provider "${item.capacityProvider}"`);
    else out.push({ provider: p, base: item.base, weight: item.weight });
  });
  if (items.filter((item) => item.base > 0).length > 1)
    report.error(at, "only one capacity provider of a strategy may set a base");
  // A lone provider may keep weight 0 (the API default); among several, weight-0 ones get no share.
  if (items.length > 1 && items.every((item) => item.weight === 0))
    report.error(at, "at least one capacity provider of a strategy needs a weight above 0");
  return out;
}
