/**
 * Whether a run decides by scanning the instances rather than through a placement index.
 *
 * An index (src/placement/index) answers a decision in O(log instances) but pays upkeep on every reserve
 * and release; the Placer's scan pays nothing between decisions and reads every instance's free capacity
 * at each one. The two give the same decisions, failure reasons and tie-break draws (the index's
 * invariant, tested against the scan), so the choice is only about cost. On a cluster that stays at most
 * SCAN_UP_TO instances, a scan reads a handful of cache lines and the upkeep is all cost: on the SimPy
 * comparison's M/M/10 queue (first-fit) the simulation took 0.88x the CPU time scanning; with binpack
 * both took about the same; at 30 instances first-fit's scan and index cost the same, and from 64 the
 * index wins (bench/RESULTS.md, issue 12c). Only a run without dynamics keeps its starting instances (no
 * scaling, launches, failures or Fargate capacity), so only such a run can be known to stay small.
 */
import type { CompiledScenario } from "../scenario/compile.ts";

/** The largest fixed cluster a run scans by default. */
export const SCAN_UP_TO = 16;

/** True when the scenario's cluster is fixed (no dynamics) and at most SCAN_UP_TO instances. */
export function scansByDefault(scenario: CompiledScenario): boolean {
  if (scenario.dynamics.active) return false;
  let instances = 0;
  for (const g of scenario.instanceGroups) instances += g.count;
  return instances <= SCAN_UP_TO;
}
