/**
 * EC2 rebalance recommendations and Auto Scaling Capacity Rebalancing (docs/dynamics.md; the EC2 Auto
 * Scaling guide, "Capacity Rebalancing"). A spot interruption rule with `rebalanceRecommendation: L`
 * sends a recommendation L seconds before each interruption warning of that rule. In a group with
 * `capacityRebalance: true`:
 *   1. on the recommendation the group launches a replacement at once (desired capacity + 1; it may go
 *      over maxSize by 10%, at least one instance), in its least used zone;
 *   2. when the replacement is ACTIVE (launch delay + warm-up: "in service"), the at-risk instance is
 *      drained, so services move their tasks start-first within their deployment limits (standalone
 *      tasks run on);
 *   3. once it holds no non-daemon task it is terminated and the desired capacity goes back down by one
 *      (checked every REPLACED_CHECK seconds). If the interruption comes first, it is reclaimed as usual
 *      (whatever still runs there is lost) and the group does not replace it a second time.
 * Without capacityRebalance a recommendation is only counted. Events: CAPACITY_REBALANCE with arg
 * instance * 2 (a recommendation) or instance * 2 + 1 (a check of a replaced instance).
 */
import { InstanceStatus } from "../model/cluster.ts";
import type { Engine } from "./engine.ts";
import { CAPACITY_REBALANCE } from "./events.ts";
import type { FleetListener, Fleets } from "./instance-lifecycle.ts";

/** Seconds between checks whether a drained at-risk instance has emptied (berth's choice). */
export const REPLACED_CHECK = 30;

export class CapacityRebalance implements FleetListener {
  /** replacement instance -> the at-risk instance it replaces (until the replacement is ACTIVE) */
  private readonly replacementFor = new Map<number, number>();
  /** at-risk instances a replacement was launched for */
  private readonly replaced = new Set<number>();

  constructor(
    private readonly engine: Engine,
    private readonly fleets: Fleets,
  ) {
    fleets.listen(this);
    engine.context.events.on(CAPACITY_REBALANCE, (arg, now) =>
      (arg & 1) === 0 ? this.recommended(arg >> 1, now) : this.check(arg >> 1, now),
    );
  }

  /** Schedules a rebalance recommendation for instance i at `time`. */
  recommend(i: number, time: number): void {
    this.engine.push(time, CAPACITY_REBALANCE, i * 2);
  }

  /** Whether a replacement was launched for instance i (its loss must not launch another). */
  wasReplaced(i: number): boolean {
    return this.replaced.has(i);
  }

  private recommended(i: number, now: number): void {
    const e = this.engine;
    const status = e.cluster.status[i];
    if (status === InstanceStatus.Gone) return;
    e.dyn.rebalanceRecommended();
    const g = this.fleets.groupOf(i);
    if (!this.fleets.groups[g]!.spec.capacityRebalance || this.replaced.has(i)) return;
    if (status !== InstanceStatus.Active && status !== InstanceStatus.Launching) return;
    const fresh = this.fleets.launchExtra(g, now);
    if (fresh < 0) return;
    this.replaced.add(i);
    e.dyn.capacityRebalanced();
    if (e.cluster.status[fresh] === InstanceStatus.Active) this.inService(fresh, i, now);
    else this.replacementFor.set(fresh, i);
  }

  instanceActive(j: number, now: number): void {
    const i = this.replacementFor.get(j);
    if (i === undefined) return;
    this.replacementFor.delete(j);
    this.inService(j, i, now);
  }

  instanceGone(j: number): void {
    this.replacementFor.delete(j);
  }

  /** The replacement j of at-risk instance i is in service: drain i, terminate it once empty. */
  private inService(_j: number, i: number, now: number): void {
    const status = this.engine.cluster.status[i];
    if (status === InstanceStatus.Gone) return;
    if (status === InstanceStatus.Active)
      this.fleets.drain(i, now, "capacity rebalancing: replacement in service");
    this.check(i, now);
  }

  private check(i: number, now: number): void {
    if (this.engine.cluster.status[i] === InstanceStatus.Gone) return;
    if (this.fleets.workload(i) === 0) this.fleets.terminateReplaced(i, now);
    else this.engine.push(now + REPLACED_CHECK, CAPACITY_REBALANCE, i * 2 + 1);
  }
}
