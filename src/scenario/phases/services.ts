/**
 * Phase "services": each REPLICA or DAEMON service with its task definition, deployment configuration,
 * desired-count changes, deployments and capacity provider strategy.
 */
import { TARGET_GROUP_DEFAULTS, targetGroupCheck } from "../../model/target-group.ts";
import type { FieldPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";
import { resolveStrategy } from "./provider-strategies.ts";

export const servicesPhase: CompilePhase = {
  name: "services",
  reads: ["services"],
  uses: ["task definitions", "provider strategies"],
  run(ctx) {
    const { s, report } = ctx;
    const shapeOf = (family: string, at: FieldPath): number => ctx.family(family, at) ?? 0;
    const serviceNames = new Set<string>();
    ctx.services = (s.services ?? []).map((sv, k) => {
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
      if (!daemon && sv.reserveCapacity)
        report.error(
          [...at, "reserveCapacity"],
          "reserveCapacity holds room for a DAEMON service's task on every instance; this service is REPLICA",
        );
      if (daemon && (sv.desiredCountChanges?.length ?? 0) > 0)
        report.error([...at, "desiredCountChanges"], "a DAEMON service has no desiredCount to change");
      if (daemon && dc?.deploymentCircuitBreaker?.enable)
        report.error(
          [...at, "deploymentConfiguration", "deploymentCircuitBreaker"],
          "berth models the deployment circuit breaker for REPLICA services",
        );
      if (daemon && sv.placementStrategy)
        report.error(
          [...at, "placementStrategy"],
          "a DAEMON service runs one task on every instance that meets its constraints: it takes no placementStrategy",
        );
      const shape = shapeOf(sv.taskDefinition, [...at, "taskDefinition"]);
      const families = [
        { family: sv.taskDefinition, shape },
        ...(sv.deployments ?? []).map((d) => ({
          family: d.taskDefinition,
          shape: ctx.families.get(d.taskDefinition),
        })),
      ];
      const targetGroups = (sv.loadBalancers ?? []).map((lb, j) => {
        const lat: FieldPath = [...at, "loadBalancers", j];
        if (!lb.targetGroupArn && !lb.loadBalancerName)
          report.error(
            lat,
            "give targetGroupArn (Application or Network Load Balancer) or loadBalancerName (Classic)",
          );
        for (const f of families) {
          const containers = f.shape === undefined ? undefined : ctx.shapes[f.shape]?.containers;
          if (!containers) continue;
          const container = containers.find((c) => c.name === lb.containerName);
          if (!container) {
            report.error(
              [...lat, "containerName"],
              `task definition "${f.family}" has no container "${lb.containerName}"`,
            );
            break;
          }
          // ECS refuses a load balancer whose containerPort the container does not map.
          if (container.ports && !container.ports.includes(lb.containerPort)) {
            const mapped =
              container.ports.length > 0 ? `it maps ${container.ports.join(", ")}` : "it maps no port";
            report.error(
              [...lat, "containerPort"],
              `container "${lb.containerName}" of task definition "${f.family}" has no portMapping with containerPort ${lb.containerPort} (${mapped})`,
            );
            break;
          }
        }
        const tg = lb.targetGroup;
        const interval = tg?.healthCheckIntervalSeconds ?? TARGET_GROUP_DEFAULTS.healthCheckIntervalSeconds;
        const timeout =
          tg?.healthCheckTimeoutSeconds ??
          Math.min(TARGET_GROUP_DEFAULTS.healthCheckTimeoutSeconds, interval - 1);
        if (timeout >= interval)
          report.error(
            [...lat, "targetGroup", "healthCheckTimeoutSeconds"],
            `must be smaller than healthCheckIntervalSeconds (${interval})`,
          );
        return targetGroupCheck({
          healthCheckIntervalSeconds: interval,
          healthCheckTimeoutSeconds: timeout,
          healthyThresholdCount: tg?.healthyThresholdCount ?? TARGET_GROUP_DEFAULTS.healthyThresholdCount,
          unhealthyThresholdCount:
            tg?.unhealthyThresholdCount ?? TARGET_GROUP_DEFAULTS.unhealthyThresholdCount,
        });
      });
      return {
        name: sv.name,
        shape,
        daemon,
        desiredCount: daemon ? 0 : sv.desiredCount,
        azRebalancing: sv.availabilityZoneRebalancing === "ENABLED",
        ...(daemon && sv.reserveCapacity ? { reserveCapacity: true } : {}),
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
          ? resolveStrategy(
              sv.capacityProviderStrategy,
              [...at, "capacityProviderStrategy"],
              ctx.providers,
              report,
            )
          : daemon
            ? []
            : ctx.defaultStrategy,
        ...(sv.capacityProviderStrategy || daemon ? {} : { usesDefaultProviders: true }),
        ...(sv.placementStrategy && !daemon ? { placementStrategy: sv.placementStrategy } : {}),
        ...(sv.healthCheckGracePeriodSeconds ? { healthCheckGrace: sv.healthCheckGracePeriodSeconds } : {}),
        ...(targetGroups.length > 0 ? { targetGroups } : {}),
        ...(dc?.deploymentCircuitBreaker?.enable
          ? { circuitBreaker: { rollback: dc.deploymentCircuitBreaker.rollback } }
          : {}),
      };
    });
  },
};
