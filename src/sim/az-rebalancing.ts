/**
 * The arithmetic of ECS Availability Zone rebalancing (service-rebalancing.html), apart from the service
 * bookkeeping in services.ts.
 *
 * Balanced means the RUNNING tasks per zone differ by at most one. The moves a rebalance needs are the
 * tasks above the balanced share in the fullest zones (or below it in the emptiest, whichever is more):
 * with d tasks over z zones every zone should hold floor(d/z) or ceil(d/z).
 */
import type { PlacementStrategyStep } from "../placement/step.ts";

/**
 * Seconds between two rebalancing batches of one service. ECS watches continuously and documents no period;
 * berth looks again a minute after each batch (one managed-scaling datapoint), which also bounds the churn
 * when a zone has no room for the tasks it should get.
 */
export const REBALANCE_INTERVAL = 60;

/** Tasks to move so no two zones differ by more than one (0 when balanced or with fewer than 2 zones). */
export function rebalanceMoves(perZone: readonly number[]): number {
  if (perZone.length < 2) return 0;
  const total = perZone.reduce((a, b) => a + b, 0);
  const floor = Math.floor(total / perZone.length);
  const ceil = Math.ceil(total / perZone.length);
  let above = 0;
  let below = 0;
  for (const n of perZone) {
    if (n > ceil) above += n - ceil;
    if (n < floor) below += floor - n;
  }
  return Math.max(above, below);
}

/**
 * ECS rebalances only services whose first placement strategy spreads over Availability Zones (binpack is
 * not compatible): the zone spread is what puts the extra tasks in the emptiest zones.
 */
export function zoneSpreadFirst(chain: readonly PlacementStrategyStep[]): boolean {
  const first = chain[0];
  return first?.type.toLowerCase() === "spread" && first.field === "attribute:ecs.availability-zone";
}
