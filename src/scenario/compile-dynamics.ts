/**
 * Compiles the dynamics sections of a scenario (instance groups as Auto Scaling groups, capacity providers,
 * services, failures, startup times) into plain specs with integer references, checking every name: a
 * driver over the phases below, in this order, on the shared compile context (phases/context.ts).
 */
import type { CompiledDynamics } from "./compiled.ts";
import { capacityProvidersPhase } from "./phases/capacity-providers.ts";
import { containerFailuresPhase } from "./phases/container-failures.ts";
import { type CompileContext, type CompilePhase, runPhases } from "./phases/context.ts";
import { groupsPhase } from "./phases/groups.ts";
import { instanceFaultsPhase } from "./phases/instance-faults.ts";
import { scalingGroupsPhase } from "./phases/scaling-groups.ts";
import { servicePlacementPhase } from "./phases/service-placement.ts";
import { servicesPhase } from "./phases/services.ts";
import { startupTimesPhase } from "./phases/startup.ts";

export type {
  CompiledDynamics,
  ContainerFailureSpec,
  GroupDynamics,
  MixEntrySpec,
  ProviderShare,
  ProviderSpec,
  ServiceSpec,
  TargetSpec,
  WorkloadSource,
} from "./compiled.ts";

export const DYNAMICS_PHASES: readonly CompilePhase[] = [
  groupsPhase,
  capacityProvidersPhase,
  scalingGroupsPhase,
  servicesPhase,
  servicePlacementPhase,
  containerFailuresPhase,
  instanceFaultsPhase,
  startupTimesPhase,
];

/** Phase "dynamics": runs DYNAMICS_PHASES, then sets ctx.dynamics (skipped when one of them was). */
export const dynamicsPhase: CompilePhase = {
  name: "dynamics",
  // Its own phases declare what they read. (`active` reads strategies' rebalance; when only problems are
  // wanted, the schema having rejected strategies, nothing reads `active`.)
  reads: [],
  run(ctx) {
    runPhases(DYNAMICS_PHASES, ctx);
    if (DYNAMICS_PHASES.some((p) => ctx.skipped.has(p.name))) ctx.skipped.add("dynamics");
    else ctx.dynamics = compiledDynamics(ctx);
  },
};

function compiledDynamics(ctx: CompileContext): CompiledDynamics {
  const { services, containerFailures, instanceFailures, zoneOutages, spotInterruptions, drains } = ctx;
  const { groups, providerSpecs, startupTimes } = ctx;
  const active =
    startupTimes.some((d) => d !== null) ||
    services.length > 0 ||
    containerFailures.length > 0 ||
    instanceFailures.length > 0 ||
    zoneOutages.length > 0 ||
    spotInterruptions.length > 0 ||
    drains.length > 0 ||
    providerSpecs.length > 0 ||
    ctx.s.strategies.some((st) => st.rebalance !== undefined) ||
    groups.some((g) => g.schedule.length > 0 || g.launchDelay > 0 || g.warmup > 0);
  return {
    active,
    services,
    containerFailures,
    instanceFailures,
    zoneOutages,
    spotInterruptions,
    drains,
    groups,
    providers: providerSpecs,
    defaultProviderStrategy: ctx.defaultStrategy,
    startupTimes,
    ...(ctx.readyTimes.some((d) => d !== null) ? { readyTimes: ctx.readyTimes } : {}),
    fargateGroups: providerSpecs.map(() => []),
  };
}
