/**
 * Instance groups as Auto Scaling groups, and everything that adds or removes instances.
 *
 * A group keeps `desired` instances (its `count` at the start). Launching one creates it at once (it is
 * paid for from launch) in status LAUNCHING; after launchDelay + warmup it turns ACTIVE and takes tasks.
 * Launches go to the group's zone with the fewest instances among zones not in an outage (ties in the
 * listed order); with every zone down the launch waits for the outage to end.
 *
 * Losing an instance (failure, zone outage, spot reclaim, scale-in termination) stops its tasks first
 * (tasks lost), then marks it GONE; with replaceUnhealthy (default) the group launches a replacement for
 * a failed or reclaimed one. Draining (manual, or a spot warning) sets DRAINING: nothing new is placed,
 * services replace their tasks, standalone tasks run on. A spot instance is reclaimed 120 s after its
 * warning.
 *
 * Scale-in picks instances as ECS with an Auto Scaling group would: instances without non-daemon tasks
 * first (launching ones before active ones), then fewer tasks, then the zone holding the most of the
 * group's instances, then the newest. With managed termination protection only instances without
 * non-daemon tasks are terminated; the group's desired capacity stops at what it could remove.
 *
 * Random failures (mtbf) and spot interruptions (meanTimeToInterruption) are exponential per instance,
 * drawn at launch with KeyedRandom keyed by (rule, group, n-th instance of the group), so a static
 * cluster fails identically under every strategy. Scheduled events pick their instances from the
 * `faults/scheduled` stream among the matching instances in id order.
 */
import { KeyedRandom } from "../core/keyed-random.ts";
import { createStream, type Rng } from "../core/random.ts";
import { InstanceStatus } from "../model/cluster.ts";
import { StopReason, TaskState } from "../model/task-table.ts";
import type { GroupDynamics, TargetSpec } from "../scenario/compile-dynamics.ts";
import type { Engine } from "./engine.ts";
import { INSTANCE_LOST, INSTANCE_READY, SPOT_WARNING } from "./events.ts";

export const SPOT_WARNING_SECONDS = 120;
/** Why a Fargate task's capacity goes away (counted as a termination, not a loss). */
const FARGATE_DONE = "Fargate task stopped";
/** INSTANCE_LOST events carry instance * 2 + cause. */
const LOSS_FAILURE = 0;
const LOSS_SPOT = 1;

interface GroupState {
  spec: GroupDynamics;
  index: number;
  typeIndex: number;
  zones: string[];
  attributes: Record<string, string>;
  desired: number;
  members: number[];
  launched: number;
  /** Launches owed while every zone of the group is down. */
  waiting: number;
}

/** What modules following instances hear (subscribed with Fleets.listen when they are built). */
export interface FleetListener {
  instanceActive?(i: number, now: number): void;
  instanceDraining?(i: number, now: number): void;
  instanceGone?(i: number, now: number): void;
  /** Daemon tasks placed on instance i (they do not keep an instance from scale-in). */
  daemonTasksOn?(i: number): number;
}

export class Fleets {
  readonly groups: GroupState[];
  private groupOf = new Int32Array(16);
  private memberOrdinal = new Int32Array(16);
  launchedAt = new Float64Array(16);
  private readonly zonesDown = new Map<string, number>();
  private readonly keyed: KeyedRandom;
  private readonly scheduledPick: Rng;
  private readonly listeners: FleetListener[] = [];
  /** Instances currently DRAINING. */
  draining = 0;
  /** Fargate capacity: the task each instance was launched for, and back. */
  private readonly fargateTask = new Map<number, number>();
  private readonly fargateInstance = new Map<number, number>();
  private pendingFargate = -1;

  constructor(private readonly engine: Engine) {
    const sc = engine.scenario;
    if (sc.dynamics.providers.some((p) => p.fargate)) engine.fargate = this;
    this.keyed = new KeyedRandom(engine.seed, "faults/instances");
    this.scheduledPick = createStream(engine.seed, "faults/scheduled");
    this.groups = sc.instanceGroups.map((g, index) => ({
      spec: sc.dynamics.groups[index]!,
      index,
      typeIndex: sc.instanceTypes.indexOf(g.type),
      zones: g.zones,
      attributes: g.attributes,
      desired: g.count,
      members: [],
      launched: 0,
      waiting: 0,
    }));
  }

  /** The starting cluster: every group's instances, ACTIVE at time 0, zones round-robin. */
  begin(): void {
    for (const g of this.groups) {
      for (let k = 0; k < g.desired; k++) this.launch(g, 0, g.zones[k % g.zones.length]!, true);
    }
  }

  listen(listener: FleetListener): void {
    this.listeners.push(listener);
  }

  /** Sets a group's desired capacity (clamped to min..max) and launches or terminates to match. */
  setDesired(g: number, desired: number, now: number, cause: "managed" | "scheduled", protect = false): void {
    const group = this.groups[g]!;
    const target = Math.max(group.spec.minSize, Math.min(group.spec.maxSize, desired));
    const from = group.members.length + group.waiting;
    group.desired = target;
    if (target > from) {
      for (let k = from; k < target; k++) this.launchInZone(group, now);
    } else if (target < from) {
      // Launches still owed (every zone down) are cancelled first.
      const owed = Math.min(group.waiting, from - target);
      group.waiting -= owed;
      const more = from - owed - target;
      if (more > 0) {
        this.removeAll(this.scaleInOrder(group, more, protect), now, StopReason.InstanceLost, "scale-in");
      }
      group.desired = group.members.length + group.waiting;
    }
    const to = group.members.length + group.waiting;
    if (to !== from) {
      const p = group.spec.provider;
      this.engine.dyn.scaled({
        time: now,
        group: group.spec.name,
        provider: p >= 0 ? this.engine.scenario.dynamics.providers[p]!.name : null,
        direction: to > from ? "out" : "in",
        from,
        to,
        cause,
      });
    }
  }

  /** INSTANCE_READY: launch delay and warm-up are over. */
  ready(i: number, now: number): void {
    const c = this.engine.cluster;
    if (c.status[i] !== InstanceStatus.Launching) return;
    this.engine.dyn.launching(-1);
    if (this.fargateTask.has(i)) {
      this.fargateReady(i, now);
      return;
    }
    c.setStatus(i, InstanceStatus.Active);
    this.activated(i, now);
  }

  /**
   * A Fargate task was submitted: its own capacity launches in the least used zone of the Fargate group
   * for its task definition, and the task starts on it once provisioned.
   */
  fargateLaunch(id: number, now: number): void {
    const e = this.engine;
    const p = e.tasks.provider[id]!;
    const g = e.scenario.dynamics.fargateGroups[p]?.[e.tasks.shape[id]!] ?? -1;
    if (g < 0) throw new Error(`task ${id} has no Fargate capacity group (compile should have refused it)`);
    const group = this.groups[g]!;
    const zone = this.leastUsedZone(group) ?? group.zones[0]!;
    group.desired++;
    this.pendingFargate = id;
    this.launch(group, now, zone, false);
  }

  /** A Fargate task stopped (or was cancelled before it started): its capacity goes away with it. */
  fargateStopped(id: number, instance: number, now: number): void {
    const i = instance >= 0 ? instance : this.fargateInstance.get(id);
    this.fargateInstance.delete(id);
    if (i === undefined || this.engine.cluster.status[i] === InstanceStatus.Gone) return;
    this.groups[this.groupOf[i]!]!.desired--;
    this.removeAll([i], now, StopReason.Completed, FARGATE_DONE);
  }

  private fargateReady(i: number, now: number): void {
    const e = this.engine;
    const c = e.cluster;
    c.setStatus(i, InstanceStatus.Dedicated);
    this.logInstance(i, now, "ACTIVE", "Fargate capacity provisioned");
    const id = this.fargateTask.get(i)!;
    if (e.tasks.state[id] === TaskState.Pending) e.start(id, i, now);
  }

  /** INSTANCE_LOST event. */
  lost(arg: number, now: number): void {
    const i = arg >> 1;
    if (this.engine.cluster.status[i] === InstanceStatus.Gone) return;
    const spot = (arg & 1) === LOSS_SPOT;
    this.remove(
      i,
      now,
      spot ? StopReason.SpotReclaimed : StopReason.InstanceLost,
      spot ? "spot reclaimed" : "failed",
    );
  }

  /** SPOT_WARNING event (random interruptions). */
  spotWarning(i: number, now: number): void {
    const s = this.engine.cluster.status[i];
    if (s === InstanceStatus.Gone) return;
    this.engine.dyn.spotInterruption();
    if (s === InstanceStatus.Active || s === InstanceStatus.Launching || s === InstanceStatus.Dedicated)
      this.drain(i, now, "spot interruption warning");
    this.engine.push(now + SPOT_WARNING_SECONDS, INSTANCE_LOST, i * 2 + LOSS_SPOT);
  }

  drain(i: number, now: number, reason = "draining"): void {
    this.drainAll([i], now, reason);
  }

  /** Scheduled events: `count` matching instances picked from the faults/scheduled stream. */
  pick(target: TargetSpec, statuses: InstanceStatus[], spotOnly = false): number[] {
    const c = this.engine.cluster;
    const eligible: number[] = [];
    for (let i = 0; i < c.count; i++) {
      if (!statuses.includes(c.status[i]!)) continue;
      const g = this.groupOf[i]!;
      if (target.group >= 0 && g !== target.group) continue;
      if (spotOnly && !this.groups[g]!.spec.spot) continue;
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

  failNow(instances: number[], now: number): void {
    this.removeAll(instances, now, StopReason.InstanceLost, "failed");
  }

  /** Scheduled spot warnings: all instances go DRAINING before services react to any of them. */
  spotNow(instances: number[], now: number): void {
    const c = this.engine.cluster;
    const active = instances.filter(
      (i) => c.status[i] === InstanceStatus.Active || c.status[i] === InstanceStatus.Dedicated,
    );
    this.drainAll(active, now, "spot interruption warning");
    for (const i of instances) this.spotWarning(i, now);
  }

  /** Drains several instances: all leave placement first, then services react. */
  drainAll(instances: number[], now: number, reason: string): void {
    const c = this.engine.cluster;
    const fresh = instances.filter(
      (i) =>
        c.status[i] === InstanceStatus.Active ||
        c.status[i] === InstanceStatus.Launching ||
        c.status[i] === InstanceStatus.Dedicated,
    );
    for (const i of fresh) {
      if (c.status[i] === InstanceStatus.Launching) this.engine.dyn.launching(-1);
      c.setStatus(i, InstanceStatus.Draining);
      this.draining++;
      this.logInstance(i, now, "DRAINING", reason);
    }
    for (const i of fresh) for (const l of this.listeners) l.instanceDraining?.(i, now);
  }

  zoneOutage(zone: string, now: number): void {
    this.zonesDown.set(zone, (this.zonesDown.get(zone) ?? 0) + 1);
    const c = this.engine.cluster;
    const victims: number[] = [];
    for (let i = 0; i < c.count; i++) {
      if (c.status[i] !== InstanceStatus.Gone && c.zones[c.zoneOf[i]!] === zone) victims.push(i);
    }
    this.removeAll(victims, now, StopReason.InstanceLost, `zone ${zone} outage`);
  }

  zoneRecovered(zone: string, now: number): void {
    const n = (this.zonesDown.get(zone) ?? 1) - 1;
    if (n <= 0) this.zonesDown.delete(zone);
    else this.zonesDown.set(zone, n);
    for (const g of this.groups) {
      const owed = g.waiting;
      g.waiting = 0;
      for (let k = 0; k < owed; k++) this.launchInZone(g, now);
    }
  }

  /** Instances of group g launched less than `period` seconds ago (still warming up for scaling). */
  warmingUp(g: number, now: number, period: number): boolean {
    for (const i of this.groups[g]!.members) if (now - this.launchedAt[i]! < period) return true;
    return this.groups[g]!.waiting > 0;
  }

  /** Non-daemon tasks placed on instance i. */
  workload(i: number): number {
    let daemons = 0;
    for (const l of this.listeners) daemons += l.daemonTasksOn?.(i) ?? 0;
    return this.engine.cluster.runningTasks[i]! - daemons;
  }

  private scaleInOrder(group: GroupState, k: number, protect: boolean): number[] {
    const c = this.engine.cluster;
    const perZone = new Map<number, number>();
    for (const i of group.members) perZone.set(c.zoneOf[i]!, (perZone.get(c.zoneOf[i]!) ?? 0) + 1);
    const rows = group.members.map((i) => ({
      i,
      work: this.workload(i),
      launching: c.status[i] === InstanceStatus.Launching ? 0 : 1,
      zone: perZone.get(c.zoneOf[i]!)!,
    }));
    const candidates = protect ? rows.filter((r) => r.work === 0) : rows;
    candidates.sort(
      (a, b) =>
        (a.work === 0 ? 0 : 1) - (b.work === 0 ? 0 : 1) ||
        a.launching - b.launching ||
        a.work - b.work ||
        b.zone - a.zone ||
        b.i - a.i,
    );
    return candidates.slice(0, k).map((r) => r.i);
  }

  private launchInZone(group: GroupState, now: number): void {
    const best = this.leastUsedZone(group);
    if (best === undefined) group.waiting++;
    else this.launch(group, now, best, false);
  }

  /** The group's zone with the fewest of its instances, not in an outage (ties: listed order). */
  private leastUsedZone(group: GroupState): string | undefined {
    const counts = new Map<string, number>();
    const c = this.engine.cluster;
    for (const i of group.members) {
      const z = c.zones[c.zoneOf[i]!]!;
      counts.set(z, (counts.get(z) ?? 0) + 1);
    }
    let best: string | undefined;
    for (const z of group.zones) {
      if (this.zonesDown.has(z)) continue;
      if (best === undefined || (counts.get(z) ?? 0) < (counts.get(best) ?? 0)) best = z;
    }
    return best;
  }

  private launch(group: GroupState, now: number, zone: string, initial: boolean): number {
    const e = this.engine;
    const sc = e.scenario;
    const type = sc.instanceTypes[group.typeIndex]!;
    const declared = sc.instanceGroups[group.index]!;
    // The starting instances carry the registration date the scenario gives them (cluster query language).
    const registeredAt = initial ? (declared.registeredAt ?? now) : now;
    const i = e.cluster.addInstance(
      type,
      group.typeIndex,
      zone,
      group.attributes,
      registeredAt,
      declared.agentVersion,
    );
    this.ensure(i);
    if (group.spec.fargate) {
      this.fargateTask.set(i, this.pendingFargate);
      this.fargateInstance.set(this.pendingFargate, i);
    }
    this.groupOf[i] = group.index;
    this.memberOrdinal[i] = group.launched++;
    // The starting cluster is already warm: only launches during the run hold back scale-out.
    this.launchedAt[i] = initial ? Number.NEGATIVE_INFINITY : now;
    group.members.push(i);
    e.groups.instanceAdded(i);
    e.recorder.instanceAdded(i, type.pricePerHour);
    e.dyn.instanceAdded(group.index, !initial);
    const p = group.spec.provider;
    if (p >= 0) e.providers.add(p, i);
    const delay = initial ? 0 : group.spec.launchDelay + group.spec.warmup;
    this.drawFaults(group, i, now);
    if (delay > 0) {
      e.cluster.setStatus(i, InstanceStatus.Launching);
      e.dyn.launching(1);
      this.logInstance(i, now, "LAUNCHING", "launched");
      e.push(now + delay, INSTANCE_READY, i);
    } else if (group.spec.fargate) {
      this.fargateReady(i, now);
    } else {
      this.activated(i, now);
    }
    return i;
  }

  private activated(i: number, now: number): void {
    this.logInstance(i, now, "ACTIVE", "registered");
    this.engine.markChanged(i);
    for (const l of this.listeners) l.instanceActive?.(i, now);
  }

  private drawFaults(group: GroupState, i: number, now: number): void {
    const d = this.engine.scenario.dynamics;
    const zone = this.engine.cluster.zones[this.engine.cluster.zoneOf[i]!];
    const matches = (t: TargetSpec) =>
      (t.group < 0 || t.group === group.index) && (t.zone === undefined || t.zone === zone);
    d.instanceFailures.forEach((f, k) => {
      // Hardware failures are an EC2 matter: Fargate capacity only fails when a rule names its group.
      if (f.mtbf === undefined || !matches(f) || (group.spec.fargate && f.group < 0)) return;
      const u = this.keyed.uniform(k, group.index, this.memberOrdinal[i]!, 0);
      this.engine.push(now - f.mtbf * Math.log(1 - u), INSTANCE_LOST, i * 2 + LOSS_FAILURE);
    });
    if (!group.spec.spot) return;
    d.spotInterruptions.forEach((f, k) => {
      if (f.meanTimeToInterruption === undefined || !matches(f)) return;
      const u = this.keyed.uniform(1000 + k, group.index, this.memberOrdinal[i]!, 0);
      this.engine.push(now - f.meanTimeToInterruption * Math.log(1 - u), SPOT_WARNING, i);
    });
  }

  private remove(i: number, now: number, reason: StopReason, why: string): void {
    this.removeAll([i], now, reason, why);
  }

  /**
   * Takes the instances out of placement first (GONE), then stops their tasks, so a service replacing
   * a lost task can never pick an instance that is going away at the same instant.
   */
  private removeAll(instances: number[], now: number, reason: StopReason, why: string): void {
    const e = this.engine;
    const c = e.cluster;
    const live = instances.filter((i) => c.status[i] !== InstanceStatus.Gone);
    const was = live.map((i) => c.status[i]!);
    for (const i of live) c.setStatus(i, InstanceStatus.Gone);
    for (const status of was) if (status === InstanceStatus.Draining) this.draining--;
    live.forEach((i, k) => {
      for (const id of e.onInstance.on(i)) e.stop(id, now, reason);
      if (was[k] === InstanceStatus.Launching) e.dyn.launching(-1);
      const group = this.groups[this.groupOf[i]!]!;
      group.members.splice(group.members.indexOf(i), 1);
      e.recorder.instanceRemoved(i, c.types[c.typeOf[i]!]!.pricePerHour);
      const p = group.spec.provider;
      if (p >= 0) e.providers.remove(p, i);
      const scaleIn = why === "scale-in" || why === FARGATE_DONE;
      e.dyn.instanceRemoved(group.index, scaleIn);
      this.logInstance(i, now, "GONE", why);
      for (const l of this.listeners) l.instanceGone?.(i, now);
      if (!scaleIn && group.spec.replaceUnhealthy && group.members.length + group.waiting < group.desired) {
        this.launchInZone(group, now);
      }
    });
  }

  private logInstance(i: number, now: number, state: string, reason: string): void {
    const c = this.engine.cluster;
    if (this.engine.log)
      this.engine.write({ time: now, instance: c.ids[i], zone: c.zones[c.zoneOf[i]!], state, reason });
  }

  private ensure(i: number): void {
    if (i < this.groupOf.length) return;
    const cap = Math.max(this.groupOf.length * 2, i + 1);
    const g = new Int32Array(cap);
    g.set(this.groupOf);
    this.groupOf = g;
    const m = new Int32Array(cap);
    m.set(this.memberOrdinal);
    this.memberOrdinal = m;
    const l = new Float64Array(cap);
    l.set(this.launchedAt);
    this.launchedAt = l;
  }
}
