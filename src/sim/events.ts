/**
 * Every event kind of the engine and its priority: the ONE place that fixes what happens first when
 * several events share an instant (lower priority value first; equal priority in push order).
 *
 *   priority  kind             what it does
 *    2        INSTANCE_LOST    an instance fails, is reclaimed (spot, 2 min after the warning) or ends its
 *                              termination: its tasks are lost, then services and groups react
 *    4        TIMELINE         a scheduled action: zone outage start/end, drain, spot warning, scheduled
 *                              instance failure, scheduled scaling, desiredCount change, deployment
 *    5        SPOT_WARNING     a random spot interruption notice: the instance goes DRAINING
 *    5        CAPACITY_REBALANCE  an EC2 rebalance recommendation (Capacity Rebalancing launches a
 *                              replacement), or a check whether a replaced at-risk instance has emptied
 *    6        INSTANCE_READY   a launched instance finishes launch delay + warm-up and goes ACTIVE
 *                              (daemon tasks are placed on it first, then pending tasks)
 *   10        TASK_END         a task's essential containers finish; its reservation is released
 *   12        TASK_FAIL        an essential container crashes, or a launch that never reached RUNNING
 *                              gives up (start failure)
 *   14        CONTAINER_FAIL   a non-essential container crashes (recorded; the task keeps running)
 *   13        TASK_UNHEALTHY   a service task failed its container health checks past the grace period:
 *                              the service replaces it
 *   16        TASK_RUNNING     a placed task's startup time has passed: PROVISIONING -> RUNNING
 *   17        TASK_HEALTHY     a RUNNING service task's health checks passed: it counts for its service
 *   20        ARRIVAL          a workload source submits tasks
 *   25        SERVICE_RETRY    a service's restart back-off expired: it launches again
 *   28        REBALANCE_TICK   a strategy's rebalancer: retire vacated instances that emptied, start a round
 *   30        SCALING_TICK     the one-minute CapacityProviderReservation datapoint and managed scaling
 *
 * Losses come first so nothing is placed on an instance that is gone at that instant; releases (end,
 * fail) come before arrivals so freed capacity is visible to them; a task whose instance is lost at the
 * instant its startup ends is stopped first and never runs; the scaling datapoint comes last so it
 * sees the state every other event at that instant produced. After each event the engine retries pending
 * tasks against the instances that event changed. Each module registers the handlers of its own kinds
 * (dispatch.ts): instance faults (INSTANCE_LOST, SPOT_WARNING), the timeline, fleets (INSTANCE_READY), the
 * engine (TASK_END, TASK_RUNNING), task faults (TASK_FAIL, CONTAINER_FAIL), workload, services, scaling.
 */
/** The one table: each kind's number (what the queue stores) and its same-instant priority. */
export const EVENTS = {
  INSTANCE_LOST: { kind: 1, priority: 2 },
  TIMELINE: { kind: 2, priority: 4 },
  SPOT_WARNING: { kind: 3, priority: 5 },
  INSTANCE_READY: { kind: 4, priority: 6 },
  TASK_END: { kind: 5, priority: 10 },
  TASK_FAIL: { kind: 6, priority: 12 },
  CONTAINER_FAIL: { kind: 7, priority: 14 },
  ARRIVAL: { kind: 8, priority: 20 },
  SERVICE_RETRY: { kind: 9, priority: 25 },
  SCALING_TICK: { kind: 10, priority: 30 },
  TASK_RUNNING: { kind: 11, priority: 16 },
  REBALANCE_TICK: { kind: 12, priority: 28 },
  CAPACITY_REBALANCE: { kind: 13, priority: 5 },
  TASK_HEALTHY: { kind: 14, priority: 17 },
  TASK_UNHEALTHY: { kind: 15, priority: 13 },
} as const;

export const INSTANCE_LOST = EVENTS.INSTANCE_LOST.kind;
export const TIMELINE = EVENTS.TIMELINE.kind;
export const SPOT_WARNING = EVENTS.SPOT_WARNING.kind;
export const INSTANCE_READY = EVENTS.INSTANCE_READY.kind;
export const TASK_END = EVENTS.TASK_END.kind;
export const TASK_FAIL = EVENTS.TASK_FAIL.kind;
export const CONTAINER_FAIL = EVENTS.CONTAINER_FAIL.kind;
export const ARRIVAL = EVENTS.ARRIVAL.kind;
export const SERVICE_RETRY = EVENTS.SERVICE_RETRY.kind;
export const SCALING_TICK = EVENTS.SCALING_TICK.kind;
export const TASK_RUNNING = EVENTS.TASK_RUNNING.kind;
export const REBALANCE_TICK = EVENTS.REBALANCE_TICK.kind;
export const TASK_HEALTHY = EVENTS.TASK_HEALTHY.kind;
export const TASK_UNHEALTHY = EVENTS.TASK_UNHEALTHY.kind;
export const CAPACITY_REBALANCE = EVENTS.CAPACITY_REBALANCE.kind;

/** Priority by kind. */
export const PRIORITY: Record<number, number> = Object.fromEntries(
  Object.values(EVENTS).map((e) => [e.kind, e.priority]),
);

/** Name by kind, for messages. */
export const EVENT_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(EVENTS).map(([name, e]) => [e.kind, name]),
);
