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
 *    6        INSTANCE_READY   a launched instance finishes launch delay + warm-up and goes ACTIVE
 *                              (daemon tasks are placed on it first, then pending tasks)
 *   10        TASK_END         a task's essential containers finish; its reservation is released
 *   12        TASK_FAIL        an essential container crashes, or a launch that never reached RUNNING
 *                              gives up (start failure)
 *   14        CONTAINER_FAIL   a non-essential container crashes (recorded; the task keeps running)
 *   16        TASK_RUNNING     a placed task's startup time has passed: PROVISIONING -> RUNNING
 *   20        ARRIVAL          a workload source submits tasks
 *   25        SERVICE_RETRY    a service's restart back-off expired: it launches again
 *   28        REBALANCE_TICK   a strategy's rebalancer: retire vacated instances that emptied, start a round
 *   30        SCALING_TICK     the one-minute CapacityProviderReservation datapoint and managed scaling
 *
 * Losses come first so nothing is placed on an instance that is gone at that instant; releases (end,
 * fail) come before arrivals so freed capacity is visible to them; a task whose instance is lost at the
 * instant its startup ends is stopped first and never runs; the scaling datapoint comes last so it
 * sees the state every other event at that instant produced. After each event the engine retries pending
 * tasks against the instances that event changed.
 */
export const INSTANCE_LOST = 1;
export const TIMELINE = 2;
export const SPOT_WARNING = 3;
export const INSTANCE_READY = 4;
export const TASK_END = 5;
export const TASK_FAIL = 6;
export const CONTAINER_FAIL = 7;
export const ARRIVAL = 8;
export const SERVICE_RETRY = 9;
export const SCALING_TICK = 10;
export const TASK_RUNNING = 11;
export const REBALANCE_TICK = 12;

export const PRIORITY: Record<number, number> = {
  [INSTANCE_LOST]: 2,
  [TIMELINE]: 4,
  [SPOT_WARNING]: 5,
  [INSTANCE_READY]: 6,
  [TASK_END]: 10,
  [TASK_FAIL]: 12,
  [CONTAINER_FAIL]: 14,
  [TASK_RUNNING]: 16,
  [ARRIVAL]: 20,
  [SERVICE_RETRY]: 25,
  [REBALANCE_TICK]: 28,
  [SCALING_TICK]: 30,
};
