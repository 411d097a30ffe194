/**
 * Load balancer target-group health checks of a service's tasks (ECS developer guide,
 * load-balancer-healthcheck.html; Elastic Load Balancing, "Health checks for your target groups").
 *
 * ECS registers a service task with each of its target groups when the task is RUNNING; the load balancer
 * then probes it every `healthCheckIntervalSeconds`, and ECS counts the task (deployments,
 * minimumHealthyPercent, availability) once every target group reports it healthy. berth's model, with the
 * application ready `readyTime` after RUNNING (the same draw the container health checks use):
 * - probes at interval, 2 x interval, ... after registration (berth's choice: the first one interval after
 *   RUNNING, as for container checks; ELB does not document the first probe's time);
 * - a newly registered target is healthy at its first passing probe: the current guide says a new target
 *   must pass one health check, whatever `healthyThresholdCount` (which applies when an unhealthy target
 *   recovers; berth has no flapping, so it changes nothing here). The older best-practices text (interval x
 *   healthy threshold, 150 s by default) describes recovery, not registration;
 * - it is unhealthy at its `unhealthyThresholdCount`-th consecutive failed probe, if the application is not
 *   ready by then: ECS then replaces the task ("Task failed ELB health checks"), not before the service's
 *   `healthCheckGracePeriodSeconds`.
 * This is the container-check arithmetic (health-check.ts) with retries = unhealthyThresholdCount and no
 * start period, so one function decides both.
 */
import type { HealthCheckSpec } from "./health-check.ts";

/** A target group's health check settings (Elastic Load Balancing API names, ranges and defaults). */
export interface TargetGroupHealth {
  /** HealthCheckIntervalSeconds: 5..300, default 30 */
  healthCheckIntervalSeconds: number;
  /** HealthCheckTimeoutSeconds: 2..120, default 5; recorded, not modelled (a probe takes no time) */
  healthCheckTimeoutSeconds: number;
  /** HealthyThresholdCount: 2..10, default 5; recovery only (see the header) */
  healthyThresholdCount: number;
  /** UnhealthyThresholdCount: 2..10, default 2 */
  unhealthyThresholdCount: number;
}

export const TARGET_GROUP_DEFAULTS: TargetGroupHealth = {
  healthCheckIntervalSeconds: 30,
  healthCheckTimeoutSeconds: 5,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
};

/** The target group's probes as a health check (health-check.ts decides when the task is healthy). */
export function targetGroupCheck(t: TargetGroupHealth): HealthCheckSpec {
  return {
    interval: t.healthCheckIntervalSeconds,
    timeout: t.healthCheckTimeoutSeconds,
    retries: t.unhealthyThresholdCount,
    startPeriod: 0,
  };
}
