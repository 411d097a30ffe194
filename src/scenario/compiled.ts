/**
 * What compilation produces (src/scenario/compile.ts drives the phases in src/scenario/phases/): the plain,
 * index-linked description of a scenario that the simulator runs. Types only, plus the defaults they name.
 */
import type { DistributionSpec } from "../core/distributions.ts";
import type { HealthCheckSpec } from "../model/health-check.ts";
import type { InstanceType } from "../model/instance-types.ts";
import type { TaskShape } from "../model/task-definition.ts";
import type { ParsedConstraint } from "../placement/constraints.ts";
import type { PlacementStrategyStep } from "../placement/step.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import type { CompiledTrace } from "../trace/compiled-trace.ts";
import type { Gate } from "./parse-gate.ts";
import type { ArrivalOutput } from "./schema.ts";

/** Charts and stranded-capacity samples use this many points over the horizon unless sampleEvery is set. */
export const DEFAULT_SAMPLES = 240;

/** Simulated time 0 unless cluster.startTime says otherwise. */
export const DEFAULT_START_TIME = "2026-01-01T00:00:00Z";
export const DEFAULT_EPOCH_MS = Date.parse(DEFAULT_START_TIME);

export interface InstanceGroup {
  type: InstanceType;
  count: number;
  zones: string[];
  attributes: Record<string, string>;
  agentVersion?: string;
  /** Registration time in simulated seconds (negative: registered before the run starts); default 0. */
  registeredAt?: number;
}

export interface CompiledScenario {
  name: string;
  description: string;
  /** sha256 of the validated scenario (defaults applied), so results name exactly what ran. */
  hash: string;
  seed: number;
  replications: number;
  horizon: number;
  warmup: number;
  sampleEvery: number;
  pending: "queue" | "fail";
  awsvpcTrunking: boolean;
  instanceTypes: InstanceType[];
  instanceGroups: InstanceGroup[];
  shapes: TaskShape[];
  sources: WorkloadSource[];
  strategies: StrategySpec[];
  portUniverse: string[];
  /** Regression gates declared in the scenario (`gates:`). */
  gates: Gate[];
  /** Unix milliseconds of simulated time 0 (cluster.startTime); default DEFAULT_START_TIME. */
  epochMs?: number;
  /** Placement constraints of each task definition (memberOf only), by shape index. */
  definitionConstraints: ParsedConstraint[][];
  /** Services, failures, scaling (docs/dynamics.md). */
  dynamics: CompiledDynamics;
}

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
  /** healthCheckGracePeriodSeconds (0 when unset). */
  healthCheckGrace?: number;
  /** loadBalancers: each target group's health check as probes (model/target-group.ts); absent when none. */
  targetGroups?: HealthCheckSpec[];
  /** deploymentCircuitBreaker with enable: true (replica services). */
  circuitBreaker?: { rollback: boolean };
  /** DAEMON: hold the largest revision's CPU and memory on every ACTIVE instance (daemon-headroom.ts) */
  reserveCapacity?: boolean;
  /** The service's own placementConstraints (the task definition's are added per shape at run time). */
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
  /** Spot instances whose agent does not drain on the interruption warning (ECS_ENABLE_SPOT_INSTANCE_DRAINING=false). */
  noSpotDraining?: boolean;
  launchDelay: number;
  warmup: number;
  replaceUnhealthy: boolean;
  /** Capacity Rebalancing: a rebalance recommendation launches a replacement, then drains the instance. */
  capacityRebalance?: boolean;
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
  spotInterruptions: (TargetSpec & {
    at?: number;
    meanTimeToInterruption?: number;
    /** seconds between a rebalance recommendation and the interruption warning */
    rebalanceRecommendation?: number;
  })[];
  drains: (TargetSpec & { at: number })[];
  groups: GroupDynamics[];
  providers: ProviderSpec[];
  defaultProviderStrategy: ProviderShare[];
  /** Startup-time distribution (placement to RUNNING) per shape index, or null for none. */
  startupTimes: (DistributionSpec | null)[];
  /** Time from RUNNING until health checks pass (readyTime) per shape index, or null for 0; absent: none. */
  readyTimes?: (DistributionSpec | null)[];
  /** For each Fargate provider, the instance group of each shape's capacity (-1: cannot run there). */
  fargateGroups: number[][];
}
