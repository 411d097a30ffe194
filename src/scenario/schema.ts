/**
 * The scenario file schema. It is the single source of truth: the loader validates with it, the JSON Schema
 * in scenarios/ is generated from it, and docs/scenarios.md describes it field by field.
 *
 * Objects are strict (a misspelt key is an error), except task definitions: those are pasted from real
 * register-task-definition documents, so unknown ECS fields pass and the loader warns that they are ignored.
 */
import { z } from "zod";
import { OS_FAMILIES } from "../model/task-platform.ts";
import * as dynamics from "./dynamics-schema.ts";
import { PlacementConstraints, PlacementStrategyStepSchema } from "./placement-schema.ts";
import { DistributionSchema, Duration, PositiveDuration } from "./schema-primitives.ts";

export { PlacementConstraintSchema, PlacementStrategyStepSchema } from "./placement-schema.ts";

export { DistributionSchema, Duration, PositiveDuration } from "./schema-primitives.ts";

const positive = z.number().positive();
export const ArrivalSchema = z.discriminatedUnion("type", [
  z
    .strictObject({
      type: z.literal("poisson"),
      ratePerHour: positive.optional(),
      ratePerMinute: positive.optional(),
      ratePerSecond: positive.optional(),
    })
    .refine(
      (a) => [a.ratePerHour, a.ratePerMinute, a.ratePerSecond].filter((r) => r !== undefined).length === 1,
      { message: "poisson takes exactly one of ratePerHour, ratePerMinute, ratePerSecond" },
    ),
  z.strictObject({ type: z.literal("interval"), every: PositiveDuration, start: Duration.optional() }),
  z.strictObject({ type: z.literal("burst"), at: Duration, count: z.number().int().positive() }),
  dynamics.PiecewiseArrival,
  dynamics.SinusoidArrival,
  dynamics.ScheduleArrival,
]);

const PortMappingSchema = z.looseObject({
  containerPort: z.number().int().min(0).max(65535).optional(),
  hostPort: z.number().int().min(0).max(65535).optional(),
  protocol: z.enum(["tcp", "udp"]).optional(),
  containerPortRange: z.string().optional(),
});

export const ContainerDefinitionSchema = z.looseObject({
  name: z.string().min(1),
  image: z.string().optional(),
  cpu: z.number().int().nonnegative().optional(),
  memory: z.number().int().positive().optional(),
  memoryReservation: z.number().int().positive().optional(),
  portMappings: z.array(PortMappingSchema).optional(),
  links: z.array(z.string()).optional(),
  essential: z.boolean().optional(),
  resourceRequirements: z.array(z.looseObject({ type: z.string(), value: z.string() })).optional(),
});

export const TaskDefinitionSchema = z.looseObject({
  family: z.string().min(1),
  containerDefinitions: z.array(ContainerDefinitionSchema).min(1),
  cpu: z.union([z.string(), z.number()]).optional(),
  memory: z.union([z.string(), z.number()]).optional(),
  networkMode: z.enum(["bridge", "host", "awsvpc", "none", "default"]).optional(),
  requiresCompatibilities: z.array(z.string()).optional(),
  runtimePlatform: z
    .looseObject({ cpuArchitecture: z.string().optional(), operatingSystemFamily: z.string().optional() })
    .optional(),
  requiresAttributes: z
    .array(
      z.looseObject({
        name: z.string().min(1),
        value: z.string().optional(),
        targetType: z.string().optional(),
      }),
    )
    .optional(),
  placementConstraints: PlacementConstraints.optional(),
  readyTime: DistributionSchema.optional().meta({
    description:
      "berth: time from RUNNING until the containers' health checks pass (default 0: the first probe passes); see docs/dynamics.md",
  }),
  startupTime: DistributionSchema.optional().meta({
    description:
      "berth: time from placement to RUNNING (image pull, container start, ENI attach); overrides the scenario's startupTime",
  }),
});

/** Fields of the ECS shapes that berth reads; any other field is reported as ignored. */
export const MODELED_FIELDS = {
  taskDefinition: [
    "family",
    "containerDefinitions",
    "cpu",
    "memory",
    "networkMode",
    "requiresCompatibilities",
    "runtimePlatform",
    "requiresAttributes",
    "placementConstraints",
    "startupTime",
    "readyTime",
  ],
  containerDefinition: [
    "name",
    "image",
    "cpu",
    "memory",
    "memoryReservation",
    "portMappings",
    "links",
    "essential",
    "resourceRequirements",
    "healthCheck",
  ],
  portMapping: ["containerPort", "hostPort", "protocol", "containerPortRange"],
};

const InstanceTypeSchema = z.strictObject({
  cpu: z.number().int().positive().optional().meta({ description: "Registered CPU units (vCPU x 1024)." }),
  memory: z.number().int().positive().optional().meta({ description: "Registered memory, MiB." }),
  vcpu: positive.optional(),
  gpu: z.number().int().nonnegative().optional(),
  enis: z.number().int().positive().optional(),
  trunkEniTasks: z.number().int().positive().optional(),
  pricePerHour: z.number().nonnegative().optional(),
  architecture: z.enum(["x86_64", "arm64"]).optional(),
});

const InstanceGroupSchema = z.strictObject({
  type: z.string().min(1),
  count: z.number().int().nonnegative(),
  zones: z.array(z.string().min(1)).min(1).optional(),
  attributes: z.record(z.string(), z.string()).optional(),
  osFamily: z.enum(OS_FAMILIES).optional().meta({
    description:
      "operating system of the AMI: LINUX (default) or WINDOWS_SERVER_2022_FULL, ... (sets ecs.os-type and ecs.os-family)",
  }),
  agentVersion: z
    .string()
    .optional()
    .meta({ description: "ECS agent version (cluster query subject agentVersion)" }),
  registeredAt: z
    .string()
    .optional()
    .meta({ description: "registration date of these instances (default: cluster.startTime)" }),
  ...dynamics.InstanceGroupFields,
});

const StrategySchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  placementStrategy: z.array(PlacementStrategyStepSchema).optional(),
  placementConstraints: PlacementConstraints.optional().meta({
    description: "constraints added to every task under this strategy",
  }),
  capacityProviderStrategy: dynamics.ProviderStrategy.optional().meta({
    description:
      "capacity providers for the workload sources and services that set none, under this strategy only (e.g. FARGATE vs an EC2 group)",
  }),
  rebalance: z
    .strictObject({
      rebalancer: z.enum(["drain-emptiest", "az-balance", "strategy-file"]).meta({
        description:
          "drain-emptiest: vacate and retire the least-reserved instances; az-balance: move service tasks until no two zones differ by more than one; strategy-file: the rebalance(view, now) hook of the chain's strategy file",
      }),
      every: Duration.refine((v) => v > 0, "must be above 0").default(600),
      maxMoves: z.number().int().min(1).max(100000).optional().meta({
        description: "az-balance and strategy-file: task moves made per round at most (default 10)",
      }),
      maxInstances: z.number().int().min(1).max(1000).default(1).meta({
        description: "instances vacated per round at most",
      }),
      belowReserved: z.number().gt(0).max(1).default(0.5).meta({
        description:
          "vacate only instances whose reserved share (the larger of CPU and memory) is below this",
      }),
    })
    .optional()
    .meta({
      description:
        "a rebalancer run with this strategy every `every`: the drain-emptiest defragmenter, az-balance, or the strategy file's rebalance hook (docs/dynamics.md)",
    }),
});

const FargateSchema = z
  .strictObject({
    provisioningDelay: Duration.optional().meta({
      description: "from a Fargate launch to the task's capacity being ready (default 30s)",
    }),
    pricePerVcpuHour: z.number().nonnegative().optional(),
    pricePerGbHour: z.number().nonnegative().optional(),
    arm64PricePerVcpuHour: z.number().nonnegative().optional(),
    arm64PricePerGbHour: z.number().nonnegative().optional(),
    spotPriceFactor: z.number().min(0).max(1).optional().meta({
      description: "Fargate Spot price as a fraction of the Fargate price (default 0.3)",
    }),
  })
  .meta({ description: "Fargate and Fargate Spot settings (capacity providers FARGATE, FARGATE_SPOT)" });

export const TraceSourceSchema = z
  .strictObject({
    file: z.string().min(1).meta({
      description:
        "trace of explicit tasks (CSV with a header, or NDJSON; gzip or plain), relative to the scenario file; see docs/traces.md",
    }),
    format: z.enum(["csv", "ndjson"]).optional().meta({ description: "default: from the file name" }),
    speed: positive.optional().meta({
      description: "compress inter-arrival times: 2 replays submissions twice as fast (durations unchanged)",
    }),
    sample: z.number().positive().max(1).optional().meta({
      description: "keep this share of the trace's tasks (deterministic thinning keyed by row and seed)",
    }),
    replicate: positive.optional().meta({
      description: "copies per task (1.5: every task once, half of them twice), later copies jittered",
    }),
    jitter: Duration.optional().meta({
      description:
        "copies after the first arrive uniformly within this time after the original (default 60s)",
    }),
    hold: z.boolean().optional().meta({
      description:
        "tasks never end (the trace's durations are ignored): arrivals fill the cluster, as the ATC'23 GPU-sharing simulator replays openb",
    }),
    reorderWindow: z.number().int().positive().optional().meta({
      description:
        "tasks held to put slightly out-of-order rows back in time order (default 4096); later rows are replayed late and reported",
    }),
  })
  .meta({ description: "Replay the tasks of a trace file (berth's trace format, docs/traces.md)." });

const WorkloadSourceSchema = z
  .strictObject({
    trace: TraceSourceSchema.optional(),
    taskDefinition: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "family of a task definition in taskDefinitions" }),
    mix: z
      .array(dynamics.MixEntry)
      .min(1)
      .optional()
      .meta({ description: "task definitions chosen by weight" }),
    arrival: ArrivalSchema.optional(),
    duration: DistributionSchema.optional(),
    group: z
      .string()
      .min(1)
      .max(255, "a task group name has at most 255 characters")
      .optional()
      .meta({ description: 'task group; defaults to "family:<family>"' }),
    placementConstraints: PlacementConstraints.optional(),
    name: z.string().optional(),
    capacityProviderStrategy: dynamics.ProviderStrategy.optional(),
  })
  .refine((w) => [w.taskDefinition, w.mix, w.trace].filter((x) => x !== undefined).length === 1, {
    message: "a workload source takes one of taskDefinition, mix or trace",
  })
  .refine((w) => (w.trace === undefined) === (w.arrival !== undefined), {
    message: "a workload source with taskDefinition or mix needs an arrival; a trace brings its own",
    path: ["arrival"],
  });

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, '.', '_' and '-' (it names the report folder)"),
  description: z.string().optional(),
  seed: z.number().int().nonnegative().default(1),
  replications: z.number().int().positive().default(1),
  horizon: PositiveDuration,
  warmup: Duration.optional(),
  sampleEvery: PositiveDuration.optional(),
  pending: z.enum(["queue", "fail"]).default("queue"),
  loadFactor: positive.optional().meta({
    description:
      "multiplies every arrival rate (poisson, piecewise, sinusoid; interval gaps are divided, burst and schedule counts multiplied and rounded); default 1. `--load` sets it. See docs/scenarios.md",
  }),
  loadFactorServices: z.boolean().optional().meta({
    description:
      "also multiply REPLICA services' desiredCount (and desiredCountChanges) by loadFactor, rounded",
  }),
  cluster: z.strictObject({
    awsvpcTrunking: z.boolean().optional(),
    startTime: z.string().optional().meta({
      description: "calendar date of simulated time 0 (default 2026-01-01T00:00:00Z); registeredAt uses it",
    }),
    instanceTypes: z.record(z.string(), InstanceTypeSchema).optional(),
    instances: z.array(InstanceGroupSchema).min(1),
  }),
  taskDefinitions: z.array(TaskDefinitionSchema).default([]),
  startupTime: DistributionSchema.optional().meta({
    description:
      "time from placement to RUNNING of every task whose task definition sets none (default 0); see docs/dynamics.md",
  }),
  workload: z.array(WorkloadSourceSchema).default([]),
  services: z.array(dynamics.Service).optional(),
  failures: dynamics.Failures.optional(),
  capacityProviders: z.array(dynamics.CapacityProvider).optional(),
  fargate: FargateSchema.optional(),
  defaultCapacityProviderStrategy: dynamics.ProviderStrategy.optional(),
  strategies: z.array(StrategySchema).min(1),
  gates: z.array(z.string().min(1)).optional().meta({
    description:
      'Regression gates checked after the run (exit 1 when one trips), e.g. "placementDelay.p95 of binpack no worse than baseline by more than 10%" or "fragmentation.strandedMemory < 0.15". See docs/statistics.md.',
  }),
});

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
export type DistributionOutput = z.output<typeof DistributionSchema>;
export type ArrivalOutput = z.output<typeof ArrivalSchema>;
export type StrategyOutput = z.output<typeof StrategySchema>;
