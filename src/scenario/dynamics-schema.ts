/**
 * Scenario sections for dynamics (docs/dynamics.md): time-varying arrivals, services, container and
 * instance failures, scheduled scaling and capacity providers with managed scaling. schema.ts composes
 * these into the scenario; this file holds only their shapes.
 */
import { z } from "zod";
import { PlacementConstraints, PlacementStrategyStepSchema } from "./placement-schema.ts";
import { DistributionSchema as Distribution, Duration, PositiveDuration } from "./schema-primitives.ts";

const positive = z.number().positive();
const percent = z.number().int().min(0);

const RateFields = {
  ratePerHour: positive.optional(),
  ratePerMinute: positive.optional(),
  ratePerSecond: positive.optional(),
};
const oneRate = (a: { ratePerHour?: number; ratePerMinute?: number; ratePerSecond?: number }) =>
  [a.ratePerHour, a.ratePerMinute, a.ratePerSecond].filter((r) => r !== undefined).length === 1;

export const PiecewiseArrival = z.strictObject({
  type: z.literal("piecewise"),
  rates: z
    .array(
      z
        .strictObject({ from: Duration, ...RateFields, ratePerHour: z.number().nonnegative().optional() })
        .refine(oneRate, {
          message: "each piece takes exactly one of ratePerHour, ratePerMinute, ratePerSecond",
        }),
    )
    .min(1)
    .meta({ description: "rate from `from` until the next piece's `from` (the first piece starts at 0)" }),
});

export const SinusoidArrival = z
  .strictObject({
    type: z.literal("sinusoid"),
    ...RateFields,
    amplitude: z.number().min(0).max(1).meta({ description: "relative swing: rate(t) = mean x (1 + a sin)" }),
    period: PositiveDuration.default(86400),
    peakAt: Duration.default(0).meta({ description: "time of the first peak" }),
  })
  .refine(oneRate, {
    message: "sinusoid takes exactly one mean rate: ratePerHour, ratePerMinute or ratePerSecond",
  });

export const ScheduleArrival = z.strictObject({
  type: z.literal("schedule"),
  at: z.array(Duration).min(1),
  count: z.number().int().positive().default(1).meta({ description: "tasks submitted at each time" }),
});

export const MixEntry = z.strictObject({
  taskDefinition: z.string().min(1),
  weight: z.number().positive(),
  duration: Distribution.optional(),
  group: z.string().optional(),
});

const ProviderStrategyItem = z.strictObject({
  capacityProvider: z.string().min(1),
  base: z.number().int().min(0).max(100000).default(0),
  weight: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(0)
    .meta({ description: "share beyond the bases; 0 when unset, as in the ECS API" }),
});
export const ProviderStrategy = z
  .array(ProviderStrategyItem)
  .min(1)
  .max(6, "a capacity provider strategy holds at most 6 capacity providers");

/** berth: a target group's health check settings (Elastic Load Balancing API names, ranges, defaults). */
const TargetGroupHealthSchema = z
  .strictObject({
    healthCheckIntervalSeconds: z.number().int().min(5).max(300).default(30),
    healthCheckTimeoutSeconds: z.number().int().min(2).max(120).optional().meta({
      description: "must be below the interval; default min(5, interval - 1); a probe takes no time in berth",
    }),
    healthyThresholdCount: z.number().int().min(2).max(10).default(5).meta({
      description:
        "consecutive passes for an unhealthy target to recover; a newly registered target needs one",
    }),
    unhealthyThresholdCount: z.number().int().min(2).max(10).default(2),
  })
  .meta({
    description:
      "berth: the target group's health check (ECS reads it from the target group; berth has none to read)",
  });

const LoadBalancerSchema = z.strictObject({
  targetGroupArn: z.string().min(1).optional(),
  loadBalancerName: z.string().min(1).optional().meta({ description: "a Classic Load Balancer" }),
  containerName: z.string().min(1),
  containerPort: z.number().int().min(1).max(65535),
  targetGroup: TargetGroupHealthSchema.optional(),
});

export const Service = z.strictObject({
  name: z.string().min(1),
  taskDefinition: z.string().min(1),
  schedulingStrategy: z.enum(["REPLICA", "DAEMON"]).default("REPLICA"),
  desiredCount: z.number().int().min(0).default(1),
  deploymentConfiguration: z
    .strictObject({
      minimumHealthyPercent: percent.default(100),
      maximumPercent: percent.default(200),
      deploymentCircuitBreaker: z
        .strictObject({ enable: z.boolean(), rollback: z.boolean() })
        .optional()
        .meta({
          description:
            "fail a deployment after max(10, min(200, ceil(desiredCount / 2))) tasks failed to start or failed their health checks; rollback: redeploy the last completed task definition",
        }),
    })
    .optional(),
  healthCheckGracePeriodSeconds: z.number().int().min(0).max(2147483647).optional().meta({
    description:
      "seconds after a task starts during which unhealthy container and load balancer health checks are ignored",
  }),
  loadBalancers: z
    .array(LoadBalancerSchema)
    .max(5, "a service takes at most 5 target groups")
    .optional()
    .meta({
      description:
        "target groups the service's tasks register with at RUNNING; a task counts once every one reports it healthy (docs/dynamics.md)",
    }),
  desiredCountChanges: z
    .array(z.strictObject({ at: Duration, desiredCount: z.number().int().min(0) }))
    .optional(),
  deployments: z
    .array(z.strictObject({ at: Duration, taskDefinition: z.string().min(1) }))
    .optional()
    .meta({ description: "rolling deployments of another task definition at the given times" }),
  capacityProviderStrategy: ProviderStrategy.optional(),
  placementConstraints: PlacementConstraints.optional().meta({
    description:
      "the service's own constraints, added to its task definition's (at most 10 together); they bind under every strategy",
  }),
  placementStrategy: z
    .array(PlacementStrategyStepSchema)
    .min(1)
    .max(5, "a service's placementStrategy holds at most 5 strategies")
    .optional()
    .meta({
      description:
        "the service's own placement chain (built-in strategies): its tasks are placed by it under every strategy of the run; absent: the run's strategy places them",
    }),
  availabilityZoneRebalancing: z.enum(["ENABLED", "DISABLED"]).default("DISABLED").meta({
    description:
      "ECS AZ rebalancing: move tasks from the fullest to the emptiest zones once the service is steady (needs a zone spread as the first placement step)",
  }),
  reserveCapacity: z.boolean().default(false).meta({
    description:
      "berth, DAEMON services: hold the CPU and memory of the service's largest task definition (its own and its deployments') on every ACTIVE instance, so other tasks never take the daemon's room (docs/dynamics.md, daemon headroom)",
  }),
});

const ContainerFailure = z
  .strictObject({
    taskDefinition: z.string().min(1),
    container: z.string().min(1),
    ratePerHour: positive.optional().meta({ description: "crashes per running hour (exponential)" }),
    timeToFailure: Distribution.optional().meta({ description: "time from RUNNING to the crash" }),
    startFailureProbability: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .meta({ description: "chance that a launch never reaches RUNNING (e.g. CannotPullContainerError)" }),
    startFailureAfter: Duration.default(30).meta({
      description: "how long a failing launch holds its reservation",
    }),
  })
  .refine(
    (f) =>
      f.ratePerHour !== undefined || f.timeToFailure !== undefined || f.startFailureProbability !== undefined,
    { message: "a container failure needs ratePerHour, timeToFailure or startFailureProbability" },
  )
  .refine((f) => !(f.ratePerHour !== undefined && f.timeToFailure !== undefined), {
    message: "give ratePerHour or timeToFailure, not both",
  });

const Target = {
  group: z.string().optional().meta({ description: "instance group name (default: every group)" }),
  zone: z.string().optional(),
};

export const Failures = z.strictObject({
  containers: z.array(ContainerFailure).optional(),
  instances: z
    .array(
      z
        .strictObject({
          ...Target,
          mtbf: PositiveDuration.optional().meta({ description: "mean time between failures per instance" }),
          at: Duration.optional(),
          count: z.number().int().positive().default(1),
        })
        .refine((f) => (f.mtbf === undefined) !== (f.at === undefined), {
          message: "an instance failure takes either mtbf (random) or at (scheduled)",
        }),
    )
    .optional(),
  zoneOutages: z.array(z.strictObject({ zone: z.string().min(1), at: Duration, for: Duration })).optional(),
  spotInterruptions: z
    .array(
      z
        .strictObject({
          ...Target,
          at: Duration.optional(),
          count: z.number().int().positive().default(1),
          meanTimeToInterruption: PositiveDuration.optional().meta({
            description: "per spot instance, exponential",
          }),
          rebalanceRecommendation: PositiveDuration.optional().meta({
            description:
              "an EC2 rebalance recommendation this long before each interruption warning (groups with capacityRebalance launch a replacement and drain the at-risk instance)",
          }),
        })
        .refine((f) => (f.meanTimeToInterruption === undefined) !== (f.at === undefined), {
          message: "a spot interruption takes either meanTimeToInterruption (random) or at (scheduled)",
        }),
    )
    .optional(),
  drains: z
    .array(z.strictObject({ ...Target, at: Duration, count: z.number().int().positive().default(1) }))
    .optional(),
});

const ManagedScaling = z.strictObject({
  status: z.enum(["ENABLED", "DISABLED"]).default("ENABLED"),
  targetCapacity: z.number().int().min(1).max(100).default(100),
  minimumScalingStepSize: z.number().int().min(1).max(10000).default(1),
  maximumScalingStepSize: z.number().int().min(1).max(10000).default(10000),
  instanceWarmupPeriod: Duration.default(300),
});

export const CapacityProvider = z.strictObject({
  name: z.string().min(1),
  autoScalingGroup: z.string().min(1).meta({ description: "name of an instance group" }),
  managedScaling: ManagedScaling.optional(),
  managedTerminationProtection: z.enum(["ENABLED", "DISABLED"]).default("DISABLED"),
});

/** Extra fields of an instance group (an Auto Scaling group). */
export const InstanceGroupFields = {
  name: z.string().min(1).optional(),
  minSize: z.number().int().min(0).optional(),
  maxSize: z.number().int().min(0).optional(),
  spot: z.boolean().optional(),
  spotInstanceDraining: z.boolean().optional().meta({
    description:
      "ECS_ENABLE_SPOT_INSTANCE_DRAINING on these spot instances: the two-minute warning sets them DRAINING (berth's default true; the ECS agent's default is false)",
  }),
  launchDelay: Duration.optional().meta({ description: "from launch to registration (default 0)" }),
  warmup: Duration.optional().meta({ description: "after registration, before the instance takes tasks" }),
  replaceUnhealthy: z
    .boolean()
    .optional()
    .meta({ description: "launch a replacement for a lost instance (default true)" }),
  capacityRebalance: z.boolean().optional().meta({
    description:
      "EC2 Auto Scaling Capacity Rebalancing (spot groups): on a rebalance recommendation, launch a replacement first, then drain and terminate the at-risk instance",
  }),
  schedule: z
    .array(z.strictObject({ at: Duration, desiredCapacity: z.number().int().min(0) }))
    .optional()
    .meta({ description: "scheduled scaling actions" }),
};
