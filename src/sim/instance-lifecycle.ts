/**
 * Instance groups as Auto Scaling groups, and everything that adds or removes instances.
 *
 * A group keeps `desired` instances (its `count` at the start). Launching one creates it at once (it is
 * paid for from launch) in status LAUNCHING; after launchDelay + warmup it turns ACTIVE and takes tasks.
 * Launches go to the group's zone with the fewest instances among zones not in an outage (ties in the
 * listed order); with every zone down the launch waits for the outage to end.
 *
 * Removing an instance (a fault from instance-faults.ts, or scale-in termination) marks it GONE, then stops
 * its tasks (tasks lost); with replaceUnhealthy (default) the group launches a replacement for a failed or
 * reclaimed one. Draining (manual, or a spot warning) sets DRAINING: nothing new is placed, services
 * replace their tasks, standalone tasks run on. Launches are announced to listeners (instance faults draw
 * an instance's failure times then); zones marked down take no launches until they come back.
 *
 * Scale-in picks instances as ECS with an Auto Scaling group would: instances without non-daemon tasks
 * first (launching ones before active ones), then fewer tasks, then the zone holding the most of the
 * group's instances, then the newest. With managed termination protection only instances without
 * non-daemon tasks are terminated; the group's desired capacity stops at what it could remove.
 *
 */

import { grown } from "../core/growable.ts";
import type { ScaleEvent } from "../metrics/dynamics-recorder.ts";
import { InstanceStatus } from "../model/cluster.ts";
import { StopReason, TaskState } from "../model/task-table.ts";
import type { GroupDynamics } from "../scenario/compile-dynamics.ts";
import type { Engine } from "./engine.ts";
import type { LogEntry } from "./event-log.ts";
import { INSTANCE_READY } from "./events.ts";
import type { Timeline } from "./timeline.ts";

/** Why an instance goes away. */
export enum Removal {
  ScaleIn,
  Failed,
  SpotReclaimed,
  ZoneOutage,
  /** The task a Fargate capacity was launched for stopped. */
  FargateDone,
}

/** Per cause: the log text (a zone outage names its zone), the stop reason of its tasks, and whether the
 * group replaces the instance (replaceUnhealthy) and counts it lost rather than terminated. */
const REMOVAL: Record<Removal, { text: string; stop: StopReason; unplanned: boolean }> = {
  [Removal.ScaleIn]: { text: "scale-in", stop: StopReason.InstanceLost, unplanned: false },
  [Removal.Failed]: { text: "failed", stop: StopReason.InstanceLost, unplanned: true },
  [Removal.SpotReclaimed]: { text: "spot reclaimed", stop: StopReason.SpotReclaimed, unplanned: true },
  [Removal.ZoneOutage]: { text: "zone outage", stop: StopReason.InstanceLost, unplanned: true },
  [Removal.FargateDone]: { text: "Fargate task stopped", stop: StopReason.Completed, unplanned: false },
};

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
  /** An instance was launched (or, `initial`, is part of the starting cluster); `ordinal`: n-th of its group. */
  instanceLaunched?(i: number, group: GroupDynamics, groupIndex: number, ordinal: number, now: number): void;
  instanceActive?(i: number, now: number): void;
  instanceDraining?(i: number, now: number): void;
  instanceGone?(i: number, now: number): void;
  /** Daemon tasks placed on instance i (they do not keep an instance from scale-in). */
  daemonTasksOn?(i: number): number;
}

export class Fleets {
  readonly groups: GroupState[];
  private groupIndex = new Int32Array(16);
  private memberOrdinal = new Int32Array(16);
  launchedAt = new Float64Array(16);
  private readonly zonesDown = new Map<string, number>();
  private readonly listeners: FleetListener[] = [];
  /** Instances currently DRAINING. */
  draining = 0;
  /** Fargate capacity: the task each instance was launched for, and back. */
  private readonly fargateTask = new Map<number, number>();
  private readonly fargateInstance = new Map<number, number>();
  private pendingFargate = -1;

  constructor(private readonly engine: Engine) {
    engine.context.events.on(INSTANCE_READY, (i, now) => this.ready(i, now));
    const sc = engine.scenario;
    if (sc.dynamics.providers.some((p) => p.fargate)) engine.fargate = this;
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
        this.removeAll(this.scaleInOrder(group, more, protect), now, Removal.ScaleIn);
      }
      group.desired = group.members.length + group.waiting;
    }
    this.recordScale(group, from, group.members.length + group.waiting, now, cause);
  }

  private recordScale(
    group: GroupState,
    from: number,
    to: number,
    now: number,
    cause: ScaleEvent["cause"],
  ): void {
    if (to === from) return;
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
    const p = e.tasks.provider(id);
    const g = e.scenario.dynamics.fargateGroups[p]?.[e.tasks.shape(id)] ?? -1;
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
    this.groups[this.groupIndex[i]!]!.desired--;
    this.removeAll([i], now, Removal.FargateDone);
  }

  private fargateReady(i: number, now: number): void {
    const e = this.engine;
    e.cluster.setStatus(i, InstanceStatus.Dedicated);
    this.logInstance(i, now, "ACTIVE", "Fargate capacity provisioned");
    const id = this.fargateTask.get(i)!;
    if (e.tasks.state(id) === TaskState.Pending) e.start(id, i, now);
  }

  drain(i: number, now: number, reason = "draining"): void {
    this.drainAll([i], now, reason);
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

  /** The group (index) instance i belongs to. */
  groupOf(i: number): number {
    return this.groupIndex[i]!;
  }

  /** A zone goes down (outages nest): it takes no launches until zoneUp. */
  zoneDown(zone: string): void {
    this.zonesDown.set(zone, (this.zonesDown.get(zone) ?? 0) + 1);
  }

  /** A zone comes back: launches owed while every zone of a group was down go out now. */
  zoneUp(zone: string, now: number): void {
    const n = (this.zonesDown.get(zone) ?? 1) - 1;
    if (n <= 0) this.zonesDown.delete(zone);
    else this.zonesDown.set(zone, n);
    for (const g of this.groups) {
      const owed = g.waiting;
      g.waiting = 0;
      for (let k = 0; k < owed; k++) this.launchInZone(g, now);
    }
  }

  /** Scheduled scaling actions of every group. */
  scheduled(timeline: Timeline): void {
    this.groups.forEach((g, k) => {
      for (const a of g.spec.schedule)
        timeline.add(a.at, (now) => this.setDesired(k, a.desiredCapacity, now, "scheduled"));
    });
  }

  /** Instances of group g launched less than `period` seconds ago (still warming up for scaling). */
  warmingUp(g: number, now: number, period: number): boolean {
    for (const i of this.groups[g]!.members) if (now - this.launchedAt[i]! < period) return true;
    return this.groups[g]!.waiting > 0;
  }

  /** Whether instance i's group may shrink by one (it stays at or above its minSize). */
  canRetire(i: number): boolean {
    const group = this.groups[this.groupOf(i)]!;
    return group.members.length + group.waiting - 1 >= group.spec.minSize;
  }

  /** Terminates instance i (vacated by the rebalancer) and lowers its group's desired capacity by one. */
  retire(i: number, now: number): void {
    const group = this.groups[this.groupOf(i)]!;
    if (this.engine.cluster.status[i] === InstanceStatus.Gone || !this.canRetire(i)) return;
    const from = group.members.length + group.waiting;
    this.removeAll([i], now, Removal.ScaleIn);
    group.desired = group.members.length + group.waiting;
    this.recordScale(group, from, group.desired, now, "rebalance");
  }

  /**
   * Capacity Rebalancing: launches one instance into group g beyond its desired capacity (an Auto Scaling
   * group may exceed its maxSize by up to 10% for it, at least one instance); returns it, or -1 when the
   * group is at that limit or every zone is down.
   */
  launchExtra(g: number, now: number): number {
    const group = this.groups[g]!;
    const from = group.members.length + group.waiting;
    const limit = group.spec.maxSize + Math.max(1, Math.floor(group.spec.maxSize / 10));
    if (from + 1 > limit) return -1;
    const zone = this.leastUsedZone(group);
    if (zone === undefined) return -1;
    group.desired = from + 1;
    const i = this.launch(group, now, zone, false);
    this.recordScale(group, from, from + 1, now, "rebalance");
    return i;
  }

  /** Terminates a replaced at-risk instance and lowers its group's desired capacity by one (no minSize check). */
  terminateReplaced(i: number, now: number): void {
    const group = this.groups[this.groupOf(i)]!;
    if (this.engine.cluster.status[i] === InstanceStatus.Gone) return;
    const from = group.members.length + group.waiting;
    this.removeAll([i], now, Removal.ScaleIn);
    group.desired = group.members.length + group.waiting;
    this.recordScale(group, from, group.desired, now, "rebalance");
  }

  /** The group of instance i will not replace it when it is lost (its replacement is already there). */
  replacedAhead(i: number): void {
    this.groups[this.groupOf(i)]!.desired--;
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
    this.groupIndex[i] = group.index;
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
    for (const l of this.listeners)
      l.instanceLaunched?.(i, group.spec, group.index, this.memberOrdinal[i]!, now);
    if (delay > 0) {
      e.cluster.setStatus(i, InstanceStatus.Launching);
      e.dyn.launching(1);
      this.logInstance(i, now, "LAUNCHING", "launched", true);
      e.push(now + delay, INSTANCE_READY, i);
    } else if (group.spec.fargate) {
      this.fargateReady(i, now);
    } else {
      this.activated(i, now, true);
    }
    return i;
  }

  private activated(i: number, now: number, first = false): void {
    this.logInstance(i, now, "ACTIVE", "registered", first);
    this.engine.markChanged(i);
    for (const l of this.listeners) l.instanceActive?.(i, now);
  }

  /**
   * Takes the instances out of placement first (GONE), then stops their tasks, so a service replacing
   * a lost task can never pick an instance that is going away at the same instant.
   */
  removeAll(instances: number[], now: number, cause: Removal, zone?: string): void {
    const { stop: reason, unplanned } = REMOVAL[cause];
    const why = cause === Removal.ZoneOutage ? `zone ${zone} outage` : REMOVAL[cause].text;
    const e = this.engine;
    const c = e.cluster;
    const live = instances.filter((i) => c.status[i] !== InstanceStatus.Gone);
    const was = live.map((i) => c.status[i]!);
    for (const i of live) c.setStatus(i, InstanceStatus.Gone);
    for (const status of was) if (status === InstanceStatus.Draining) this.draining--;
    live.forEach((i, k) => {
      for (const id of e.onInstance.on(i)) e.stop(id, now, reason);
      if (was[k] === InstanceStatus.Launching) e.dyn.launching(-1);
      const group = this.groups[this.groupIndex[i]!]!;
      group.members.splice(group.members.indexOf(i), 1);
      e.recorder.instanceRemoved(i, c.types[c.typeOf[i]!]!.pricePerHour);
      const p = group.spec.provider;
      if (p >= 0) e.providers.remove(p, i);
      e.dyn.instanceRemoved(group.index, !unplanned);
      this.logInstance(i, now, "GONE", why);
      for (const l of this.listeners) l.instanceGone?.(i, now);
      if (unplanned && group.spec.replaceUnhealthy && group.members.length + group.waiting < group.desired) {
        this.launchInZone(group, now);
      }
    });
  }

  /**
   * An instance's first event also names its type, group and registered CPU and memory, so capacity can
   * be audited from the log alone.
   */
  private logInstance(i: number, now: number, state: string, reason: string, first = false): void {
    const c = this.engine.cluster;
    if (!this.engine.log) return;
    const entry: LogEntry = { time: now, instance: c.ids[i], zone: c.zones[c.zoneOf[i]!], state, reason };
    if (first) {
      const type = c.types[c.typeOf[i]!]!;
      entry.instanceType = type.name;
      entry.group = this.groups[this.groupOf(i)]!.spec.name;
      entry.cpu = type.cpu;
      entry.memory = type.memory;
    }
    this.engine.write(entry);
  }

  private ensure(i: number): void {
    if (i < this.groupIndex.length) return;
    const capacity = Math.max(this.groupIndex.length * 2, i + 1);
    this.groupIndex = grown(this.groupIndex, capacity);
    this.memberOrdinal = grown(this.memberOrdinal, capacity);
    this.launchedAt = grown(this.launchedAt, capacity);
  }
}
