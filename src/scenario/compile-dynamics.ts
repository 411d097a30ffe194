/**
 * Compiles the dynamics sections of a scenario (workload mixes, services, failures, instance groups as Auto
 * Scaling groups, capacity providers) into plain specs with integer references, checking every name.
 */
import type { DistributionSpec } from "../core/distributions.ts";
import { CONTAINER_SLOTS } from "../model/container-slots.ts";
import type { TaskShape } from "../model/task-definition.ts";
import type { ParsedConstraint } from "../placement/constraints.ts";
import type { PlacementStrategyStep } from "../placement/step.ts";
import type { CompiledTrace } from "../trace/compiled-trace.ts";
import { compileStartupTimes } from "./compile-startup.ts";
import { fargateProviderSpec, fargateProvidersUsed } from "./fargate-providers.ts";
import type { CompileReport, FieldPath } from "./problems.ts";
import type { ArrivalOutput, Scenario } from "./schema.ts";

export interface ProviderShare {
  provider: number;
  base: number;
  weight: number;
}

export interface MixEntrySpec {
  shape: number;
  weight: number;
  group: string;
  duration: DistributionSpec;
}

export interface WorkloadSource {
  name: string;
  /** The first (or only) task definition; `mix` lists all of them when the source draws by weight. */
  shape: number;
  group: string;
  arrival: ArrivalOutput;
  duration: DistributionSpec;
  mix: MixEntrySpec[];
  providerStrategy: ProviderShare[];
  /** True when providerStrategy is the scenario's default (a strategy's own default may replace it). */
  usesDefaultProviders?: boolean;
  /** The workload's own placement constraints (the task definitions' are added per shape at run time). */
  constraints?: ParsedConstraint[];
  /** A trace replay (docs/traces.md): tasks, shapes and times come from the file; `arrival` is unused. */
  trace?: CompiledTrace;
}

export interface ServiceSpec {
  name: string;
  shape: number;
  daemon: boolean;
  desiredCount: number;
  minimumHealthyPercent: number;
  maximumPercent: number;
  desiredCountChanges: { at: number; desiredCount: number }[];
  deployments: { at: number; shape: number }[];
  providerStrategy: ProviderShare[];
  /** True when providerStrategy is the scenario's default (a strategy's own default may replace it). */
  usesDefaultProviders?: boolean;
  /** availabilityZoneRebalancing: ENABLED (replica services only) */
  azRebalancing: boolean;
  /** The service's own placementConstraints (compile.ts parses them; the task definition's are added per shape). */
  constraints?: ParsedConstraint[];
  /** The service's own placement chain: it places the service's tasks under every strategy of the run. */
  placementStrategy?: PlacementStrategyStep[];
}

export interface ContainerFailureSpec {
  shape: number;
  container: number;
  essential: boolean;
  timeToFailure?: DistributionSpec;
  startFailureProbability: number;
  startFailureAfter: number;
}

export interface TargetSpec {
  /** Instance group index, or -1 for any. */
  group: number;
  zone?: string;
  count: number;
}

export interface GroupDynamics {
  name: string;
  minSize: number;
  maxSize: number;
  spot: boolean;
  launchDelay: number;
  warmup: number;
  replaceUnhealthy: boolean;
  schedule: { at: number; desiredCapacity: number }[];
  /** Capacity provider index, or -1. */
  provider: number;
  /** Per-task Fargate capacity of one task definition (compile-fargate.ts). */
  fargate?: boolean;
}

export interface ProviderSpec {
  name: string;
  group: number;
  managedScaling: boolean;
  targetCapacity: number;
  minimumScalingStepSize: number;
  maximumScalingStepSize: number;
  instanceWarmupPeriod: number;
  managedTerminationProtection: boolean;
  /** FARGATE or FARGATE_SPOT (compile-fargate.ts): capacity per task, no group of its own. */
  fargate?: boolean;
}

export interface CompiledDynamics {
  /** Whether the scenario uses anything beyond standalone tasks on a fixed cluster. */
  active: boolean;
  services: ServiceSpec[];
  containerFailures: ContainerFailureSpec[];
  instanceFailures: (TargetSpec & { mtbf?: number; at?: number })[];
  zoneOutages: { zone: string; at: number; for: number }[];
  spotInterruptions: (TargetSpec & { at?: number; meanTimeToInterruption?: number })[];
  drains: (TargetSpec & { at: number })[];
  groups: GroupDynamics[];
  providers: ProviderSpec[];
  defaultProviderStrategy: ProviderShare[];
  /** Startup-time distribution (placement to RUNNING) per shape index, or null for none. */
  startupTimes: (DistributionSpec | null)[];
  /** For each Fargate provider, the instance group of each shape's capacity (-1: cannot run there). */
  fargateGroups: number[][];
}

type Families = Map<string, number>;

export function compileSource(
  w: Scenario["workload"][number],
  i: number,
  families: Families,
  providers: Map<string, number>,
  defaultStrategy: ProviderShare[],
  report: CompileReport,
): WorkloadSource | undefined {
  const at: FieldPath = ["workload", i];
  const entries = w.mix ?? [
    { taskDefinition: w.taskDefinition!, weight: 1, duration: undefined, group: undefined },
  ];
  const mix: MixEntrySpec[] = [];
  entries.forEach((e, j) => {
    const where: FieldPath = w.mix ? [...at, "mix", j] : at;
    const shape = families.get(e.taskDefinition);
    if (shape === undefined) {
      report.error([...where, "taskDefinition"], `no task definition with family "${e.taskDefinition}"`);
      return;
    }
    const duration = (e.duration ?? w.duration) as DistributionSpec | undefined;
    if (!duration) {
      report.error([...where, "duration"], "needs a duration (here or on the workload source)");
      return;
    }
    mix.push({
      shape,
      weight: e.weight,
      group: e.group ?? w.group ?? `family:${e.taskDefinition}`,
      duration,
    });
  });
  const providerStrategy = w.capacityProviderStrategy
    ? resolveStrategy(w.capacityProviderStrategy, [...at, "capacityProviderStrategy"], providers, report)
    : defaultStrategy;
  const first = mix[0];
  if (!first || mix.length !== entries.length) return undefined;
  return {
    name: w.name ?? `${w.mix ? "mix" : w.taskDefinition}#${i}`,
    shape: first.shape,
    group: first.group,
    arrival: w.arrival!,
    duration: first.duration,
    mix,
    providerStrategy,
    ...(w.capacityProviderStrategy ? {} : { usesDefaultProviders: true }),
  };
}

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

/** Provider names to indices, checked before sources and services refer to them. */
export function providerIndex(s: Scenario): Map<string, number> {
  const names = [...(s.capacityProviders ?? []).map((p) => p.name), ...fargateProvidersUsed(s)];
  return new Map(names.map((name, k) => [name, k]));
}

export function compileDynamics(
  s: Scenario,
  shapes: TaskShape[],
  families: Families,
  providers: Map<string, number>,
  defaultStrategy: ProviderShare[],
  report: CompileReport,
): CompiledDynamics {
  const groupNames = new Map<string, number>();
  s.cluster.instances.forEach((g, k) => {
    const name = g.name ?? `group-${k}`;
    if (groupNames.has(name))
      report.error(["cluster", "instances", k, "name"], `duplicate group name "${name}"`);
    groupNames.set(name, k);
  });
  const zones = new Set(s.cluster.instances.flatMap((g) => g.zones ?? ["us-east-1a"]));

  const providerOf = new Map<number, number>();
  const providerSpecs: ProviderSpec[] = (s.capacityProviders ?? []).map((p, k) => {
    const at: FieldPath = ["capacityProviders", k];
    if (providers.get(p.name) !== k) report.error([...at, "name"], `duplicate capacity provider "${p.name}"`);
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

  for (const name of fargateProvidersUsed(s)) providerSpecs.push(fargateProviderSpec(name));

  const groups: GroupDynamics[] = s.cluster.instances.map((g, k) => {
    const at: FieldPath = ["cluster", "instances", k];
    const minSize = g.minSize ?? 0;
    const maxSize = g.maxSize ?? Math.max(g.count, ...(g.schedule ?? []).map((a) => a.desiredCapacity));
    if (minSize > maxSize) report.error([...at, "minSize"], `minSize ${minSize} exceeds maxSize ${maxSize}`);
    if (g.count < minSize || g.count > maxSize)
      report.error([...at, "count"], `count ${g.count} is outside minSize..maxSize (${minSize}..${maxSize})`);
    return {
      name: g.name ?? `group-${k}`,
      minSize,
      maxSize,
      spot: g.spot ?? false,
      launchDelay: g.launchDelay ?? 0,
      warmup: g.warmup ?? 0,
      replaceUnhealthy: g.replaceUnhealthy ?? true,
      schedule: [...(g.schedule ?? [])].sort((a, b) => a.at - b.at),
      provider: providerOf.get(k) ?? -1,
    };
  });

  const shapeOf = (family: string, at: FieldPath): number => {
    const shape = families.get(family);
    if (shape === undefined) report.error(at, `no task definition with family "${family}"`);
    return shape ?? 0;
  };
  const serviceNames = new Set<string>();
  const services: ServiceSpec[] = (s.services ?? []).map((sv, k) => {
    const at: FieldPath = ["services", k];
    if (serviceNames.has(sv.name)) report.error([...at, "name"], `duplicate service "${sv.name}"`);
    serviceNames.add(sv.name);
    const dc = sv.deploymentConfiguration;
    const daemon = sv.schedulingStrategy === "DAEMON";
    const minimumHealthyPercent = dc?.minimumHealthyPercent ?? (daemon ? 0 : 100);
    const maximumPercent = dc?.maximumPercent ?? (daemon ? 100 : 200);
    if (maximumPercent < minimumHealthyPercent)
      report.error(
        [...at, "deploymentConfiguration"],
        "maximumPercent must be at least minimumHealthyPercent",
      );
    if (daemon && sv.availabilityZoneRebalancing === "ENABLED")
      report.error(
        [...at, "availabilityZoneRebalancing"],
        "a DAEMON service runs one task per instance: nothing to rebalance",
      );
    if (daemon && (sv.desiredCountChanges?.length ?? 0) > 0)
      report.error([...at, "desiredCountChanges"], "a DAEMON service has no desiredCount to change");
    if (daemon && sv.placementStrategy)
      report.error(
        [...at, "placementStrategy"],
        "a DAEMON service runs one task on every instance that meets its constraints: it takes no placementStrategy",
      );
    return {
      name: sv.name,
      shape: shapeOf(sv.taskDefinition, [...at, "taskDefinition"]),
      daemon,
      desiredCount: daemon ? 0 : sv.desiredCount,
      azRebalancing: sv.availabilityZoneRebalancing === "ENABLED",
      minimumHealthyPercent,
      maximumPercent,
      desiredCountChanges: [...(sv.desiredCountChanges ?? [])].sort((a, b) => a.at - b.at),
      deployments: (sv.deployments ?? [])
        .map((d, j) => ({
          at: d.at,
          shape: shapeOf(d.taskDefinition, [...at, "deployments", j, "taskDefinition"]),
        }))
        .sort((a, b) => a.at - b.at),
      providerStrategy: sv.capacityProviderStrategy
        ? resolveStrategy(sv.capacityProviderStrategy, [...at, "capacityProviderStrategy"], providers, report)
        : daemon
          ? []
          : defaultStrategy,
      ...(sv.capacityProviderStrategy || daemon ? {} : { usesDefaultProviders: true }),
      ...(sv.placementStrategy && !daemon ? { placementStrategy: sv.placementStrategy } : {}),
    };
  });

  const f = s.failures ?? {};
  const containerFailures: ContainerFailureSpec[] = [];
  (f.containers ?? []).forEach((c, k) => {
    const at: FieldPath = ["failures", "containers", k];
    const shape = families.get(c.taskDefinition);
    if (shape === undefined) {
      report.error([...at, "taskDefinition"], `no task definition with family "${c.taskDefinition}"`);
      return;
    }
    if (shapes[shape]!.containers.length > CONTAINER_SLOTS) {
      report.error(
        [...at, "taskDefinition"],
        `failures are modelled for tasks of at most ${CONTAINER_SLOTS} containers`,
      );
      return;
    }
    const container = shapes[shape]!.containers.findIndex((x) => x.name === c.container);
    if (container < 0) {
      report.error(
        [...at, "container"],
        `task definition "${c.taskDefinition}" has no container "${c.container}"`,
      );
      return;
    }
    const ttf: DistributionSpec | undefined =
      c.ratePerHour !== undefined
        ? { type: "exponential", mean: 3600 / c.ratePerHour }
        : (c.timeToFailure as DistributionSpec | undefined);
    containerFailures.push({
      shape,
      container,
      essential: shapes[shape]!.containers[container]!.essential,
      ...(ttf ? { timeToFailure: ttf } : {}),
      startFailureProbability: c.startFailureProbability ?? 0,
      startFailureAfter: c.startFailureAfter,
    });
  });

  const target = (
    t: { group?: string | undefined; zone?: string | undefined; count: number },
    at: FieldPath,
  ) => {
    let group = -1;
    if (t.group !== undefined) {
      group = groupNames.get(t.group) ?? -1;
      if (group < 0) report.error([...at, "group"], `no instance group named "${t.group}"`);
    }
    if (t.zone !== undefined && !zones.has(t.zone))
      report.error([...at, "zone"], `no instance group uses zone "${t.zone}"`);
    return { group, count: t.count, ...(t.zone !== undefined ? { zone: t.zone } : {}) };
  };
  const instanceFailures = (f.instances ?? []).map((x, k) => ({
    ...target(x, ["failures", "instances", k]),
    ...(x.mtbf !== undefined ? { mtbf: x.mtbf } : {}),
    ...(x.at !== undefined ? { at: x.at } : {}),
  }));
  (f.instances ?? []).forEach((x, k) => {
    if (x.mtbf !== undefined && x.mtbf <= 0)
      report.error(["failures", "instances", k, "mtbf"], "mtbf must be above 0");
  });
  const zoneOutages = (f.zoneOutages ?? []).map((z, k) => {
    if (!zones.has(z.zone))
      report.error(["failures", "zoneOutages", k, "zone"], `no instance group uses zone "${z.zone}"`);
    return { zone: z.zone, at: z.at, for: z.for };
  });
  const spotInterruptions = (f.spotInterruptions ?? []).map((x, k) => {
    const at: FieldPath = ["failures", "spotInterruptions", k];
    const t = target(x, at);
    if (t.group >= 0 && !groups[t.group]?.spot)
      report.error([...at, "group"], `group "${x.group}" is not a spot group`);
    if (!groups.some((g) => g.spot) && !fargateProvidersUsed(s).includes("FARGATE_SPOT"))
      report.error(at, "no instance group sets spot: true and no strategy uses FARGATE_SPOT");
    return {
      ...t,
      ...(x.at !== undefined ? { at: x.at } : {}),
      ...(x.meanTimeToInterruption !== undefined ? { meanTimeToInterruption: x.meanTimeToInterruption } : {}),
    };
  });
  const drains = (f.drains ?? []).map((x, k) => ({ ...target(x, ["failures", "drains", k]), at: x.at }));

  const startupTimes = compileStartupTimes(s, report);
  const active =
    startupTimes.some((d) => d !== null) ||
    services.length > 0 ||
    containerFailures.length > 0 ||
    instanceFailures.length > 0 ||
    zoneOutages.length > 0 ||
    spotInterruptions.length > 0 ||
    drains.length > 0 ||
    providerSpecs.length > 0 ||
    s.strategies.some((st) => st.rebalance !== undefined) ||
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
    defaultProviderStrategy: defaultStrategy,
    startupTimes,
    fargateGroups: providerSpecs.map(() => []),
  };
}
