/**
 * Instance faults (docs/dynamics.md): random and scheduled instance failures, spot interruption warnings
 * and reclaims, zone outages. The fleet code (instance-lifecycle.ts) only launches, drains and removes;
 * this module decides when an instance is lost and asks Fleets to remove it.
 *
 * Random failures (mtbf) and spot interruptions (meanTimeToInterruption) are exponential per instance,
 * drawn when Fleets announces a launch, with KeyedRandom keyed by (rule, group, n-th instance of the group),
 * so a static cluster fails identically under every strategy. Scheduled events pick their instances from
 * the `faults/scheduled` stream among the matching instances in id order. A spot instance is reclaimed
 * SPOT_WARNING_SECONDS after its warning; the warning drains it unless its group sets
 * `spotInstanceDraining: false` (ECS_ENABLE_SPOT_INSTANCE_DRAINING off: it keeps its tasks, and takes new
 * ones, until reclaimed). Events: INSTANCE_LOST (arg = instance * 2 + cause) and
 * SPOT_WARNING (arg = instance); the timeline runs the scheduled ones.
 */
import { KeyedRandom } from "../core/keyed-random.ts";
import { createStream, type Rng } from "../core/random.ts";
import { InstanceStatus } from "../model/cluster.ts";
import type { GroupDynamics, TargetSpec } from "../scenario/compile-dynamics.ts";
import type { CapacityRebalance } from "./capacity-rebalance.ts";
import type { Engine } from "./engine.ts";
import { INSTANCE_LOST, SPOT_WARNING } from "./events.ts";
import { type FleetListener, type Fleets, Removal } from "./instance-lifecycle.ts";
import type { Timeline } from "./timeline.ts";

export const SPOT_WARNING_SECONDS = 120;
/** INSTANCE_LOST events carry instance * 2 + cause. */
const LOSS_FAILURE = 0;
const LOSS_SPOT = 1;

export class InstanceFaults implements FleetListener {
  private readonly keyed: KeyedRandom;
  private readonly scheduledPick: Rng;
  /** Rebalance recommendations and Capacity Rebalancing, when a spot rule sends recommendations. */
  capacity: CapacityRebalance | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly fleets: Fleets,
  ) {
    this.keyed = new KeyedRandom(engine.seed, "faults/instances");
    this.scheduledPick = createStream(engine.seed, "faults/scheduled");
    fleets.listen(this);
    engine.context.events.on(INSTANCE_LOST, (arg, now) => this.lost(arg, now));
    engine.context.events.on(SPOT_WARNING, (i, now) => this.spotWarning(i, now));
  }

  /** Scheduled faults, in the timeline's same-instant order: zone outages, failures, spot warnings, drains. */
  scheduled(timeline: Timeline): void {
    const d = this.engine.scenario.dynamics;
    const fleets = this.fleets;
    const { Active, Draining, Launching, Dedicated } = InstanceStatus;
    for (const z of d.zoneOutages) {
      timeline.add(z.at, (now) => this.zoneOutage(z.zone, now));
      timeline.add(z.at + z.for, (now) => fleets.zoneUp(z.zone, now));
    }
    for (const f of d.instanceFailures) {
      if (f.at !== undefined)
        timeline.add(f.at, (now) => {
          fleets.removeAll(this.pick(f, [Active, Draining, Launching]), now, Removal.Failed);
        });
    }
    for (const f of d.spotInterruptions) {
      const at = f.at;
      if (at === undefined) continue;
      const lead = f.rebalanceRecommendation;
      if (lead === undefined || this.capacity === undefined)
        timeline.add(at, (now) => {
          this.spotNow(this.pick(f, [Active, Launching, Dedicated], true), now);
        });
      else {
        // The instances are picked at the recommendation; their warnings follow `lead` later.
        const capacity = this.capacity;
        timeline.add(Math.max(0, at - lead), (now) => {
          for (const i of this.pick(f, [Active, Launching, Dedicated], true)) {
            capacity.recommend(i, now);
            this.engine.push(Math.max(now, at), SPOT_WARNING, i);
          }
        });
      }
    }
    for (const f of d.drains) {
      timeline.add(f.at, (now) => {
        fleets.drainAll(this.pick(f, [Active]), now, "manual drain");
      });
    }
  }

  /** A launch: draws the instance's random failure and spot interruption times. */
  instanceLaunched(i: number, group: GroupDynamics, groupIndex: number, ordinal: number, now: number): void {
    const e = this.engine;
    const d = e.scenario.dynamics;
    const zone = e.cluster.zones[e.cluster.zoneOf[i]!];
    const matches = (t: TargetSpec) =>
      (t.group < 0 || t.group === groupIndex) && (t.zone === undefined || t.zone === zone);
    d.instanceFailures.forEach((f, k) => {
      // Hardware failures are an EC2 matter: Fargate capacity only fails when a rule names its group.
      if (f.mtbf === undefined || !matches(f) || (group.fargate && f.group < 0)) return;
      const u = this.keyed.uniform(k, groupIndex, ordinal, 0);
      e.push(now - f.mtbf * Math.log(1 - u), INSTANCE_LOST, i * 2 + LOSS_FAILURE);
    });
    if (!group.spot) return;
    d.spotInterruptions.forEach((f, k) => {
      if (f.meanTimeToInterruption === undefined || !matches(f)) return;
      const u = this.keyed.uniform(1000 + k, groupIndex, ordinal, 0);
      const warning = now - f.meanTimeToInterruption * Math.log(1 - u);
      e.push(warning, SPOT_WARNING, i);
      const lead = f.rebalanceRecommendation;
      if (lead !== undefined) this.capacity?.recommend(i, Math.max(now, warning - lead));
    });
  }

  /** INSTANCE_LOST event. */
  private lost(arg: number, now: number): void {
    const i = arg >> 1;
    if (this.engine.cluster.status[i] === InstanceStatus.Gone) return;
    // Capacity Rebalancing already launched its replacement: the group does not launch another.
    if (this.capacity?.wasReplaced(i)) this.fleets.replacedAhead(i);
    this.fleets.removeAll([i], now, (arg & 1) === LOSS_SPOT ? Removal.SpotReclaimed : Removal.Failed);
  }

  /** SPOT_WARNING event (random interruptions), and each instance of a scheduled one. */
  private spotWarning(i: number, now: number): void {
    const s = this.engine.cluster.status[i];
    if (s === InstanceStatus.Gone) return;
    this.engine.dyn.spotInterruption();
    if (
      s === InstanceStatus.Dedicated ||
      (this.drainsOnWarning(i) && (s === InstanceStatus.Active || s === InstanceStatus.Launching))
    )
      this.fleets.drain(i, now, "spot interruption warning");
    this.engine.push(now + SPOT_WARNING_SECONDS, INSTANCE_LOST, i * 2 + LOSS_SPOT);
  }

  /** Scheduled spot warnings: all instances go DRAINING before services react to any of them. */
  private spotNow(instances: number[], now: number): void {
    const c = this.engine.cluster;
    const active = instances.filter(
      (i) =>
        c.status[i] === InstanceStatus.Dedicated ||
        (c.status[i] === InstanceStatus.Active && this.drainsOnWarning(i)),
    );
    this.fleets.drainAll(active, now, "spot interruption warning");
    for (const i of instances) this.spotWarning(i, now);
  }

  /**
   * Whether an EC2 spot instance drains on its warning: ECS_ENABLE_SPOT_INSTANCE_DRAINING, berth's default on
   * (`spotInstanceDraining: false` on the group turns it off: the instance keeps taking tasks until reclaimed).
   * Fargate Spot capacity always drains (Fargate sends the task its termination notice).
   */
  private drainsOnWarning(i: number): boolean {
    return this.fleets.groups[this.fleets.groupOf(i)]!.spec.noSpotDraining !== true;
  }

  private zoneOutage(zone: string, now: number): void {
    this.fleets.zoneDown(zone);
    const c = this.engine.cluster;
    const victims: number[] = [];
    for (let i = 0; i < c.count; i++) {
      if (c.status[i] !== InstanceStatus.Gone && c.zones[c.zoneOf[i]!] === zone) victims.push(i);
    }
    this.fleets.removeAll(victims, now, Removal.ZoneOutage, zone);
  }

  /** Scheduled events: `count` matching instances picked from the faults/scheduled stream. */
  private pick(target: TargetSpec, statuses: InstanceStatus[], spotOnly = false): number[] {
    const c = this.engine.cluster;
    const eligible: number[] = [];
    for (let i = 0; i < c.count; i++) {
      if (!statuses.includes(c.status[i]!)) continue;
      const g = this.fleets.groupOf(i);
      if (target.group >= 0 && g !== target.group) continue;
      if (spotOnly && !this.fleets.groups[g]!.spec.spot) continue;
      if (target.zone !== undefined && c.zones[c.zoneOf[i]!] !== target.zone) continue;
      eligible.push(i);
    }
    const n = Math.min(target.count, eligible.length);
    for (let k = 0; k < n; k++) {
      const j = k + Math.floor(this.scheduledPick() * (eligible.length - k));
      [eligible[k], eligible[j]] = [eligible[j]!, eligible[k]!];
    }
    return eligible.slice(0, n).sort((a, b) => a - b);
  }
}
