/**
 * ECS services (ecs_services.md, service-throttle-logic.md, deployment-type-ecs.md,
 * container-instance-draining.md).
 *
 * REPLICA: the service keeps `desiredCount` tasks. A task is *outdated* when it runs an older task
 * definition (a deployment) or sits on a DRAINING instance; outdated tasks must be replaced. One
 * reconciliation, repeated until nothing changes:
 *   lower = ceil(desired x minimumHealthyPercent / 100), upper = floor(desired x maximumPercent / 100)
 *   1. stop good tasks beyond desiredCount (pending first, then the most recently launched);
 *   2. cancel outdated tasks that are not RUNNING yet;
 *   3. stop outdated RUNNING tasks while RUNNING - 1 >= lower;
 *   4. launch min(desired - good, upper - live) new tasks, unless the restart back-off holds launches.
 * A deployment with 100/100 can neither launch (live = upper) nor stop (RUNNING = lower): it stalls, and is
 * reported with the time it was found stuck.
 *
 * Restart back-off: a launch that never reaches RUNNING (start failure) raises the service's consecutive
 * failure count n (launches failing at the same instant count once) and holds further launches for min(15 min, 10 s x 2^(n-1)); a task reaching RUNNING
 * or a new deployment resets it. Tasks that crash after RUNNING are replaced at once (as in ECS, they do not
 * trigger the throttle). The 10 s base and doubling are berth's choice: ECS documents only the 15-minute cap.
 *
 * DAEMON: one task per ACTIVE instance, placed on that instance as soon as it turns ACTIVE, before any
 * pending task is retried ("placed first"); a daemon task is never replaced away from a DRAINING instance
 * and stops only when the instance is gone ("stopped last"); its deployment replaces it in place.
 *
 * Availability: time-weighted over the measured window, the fraction of time RUNNING >= desiredCount
 * (for a daemon, one task per ACTIVE instance).
 */
import type { DeploymentRecord, ServiceAvailability } from "../metrics/dynamics-recorder.ts";
import { InstanceStatus } from "../model/cluster.ts";
import { StopReason, TaskState } from "../model/task-table.ts";
import type { ServiceSpec } from "../scenario/compile-dynamics.ts";
import { chooseShare } from "./capacity-providers.ts";
import type { Engine, ServiceTaskListener } from "./engine.ts";
import { SERVICE_RETRY } from "./events.ts";
import type { FleetListener, Fleets } from "./instance-lifecycle.ts";

export const BACKOFF_BASE = 10;
export const BACKOFF_CAP = 15 * 60;

/** Delay before the next launch after n consecutive start failures. */
export function restartBackoff(n: number): number {
  return n <= 0 ? 0 : Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (n - 1));
}

interface ServiceState {
  spec: ServiceSpec;
  index: number;
  group: number;
  shape: number;
  desired: number;
  live: Set<number>;
  running: number;
  launches: number;
  startFailures: number;
  retryAt: number;
  retryScheduled: number;
  lastStartFailure: number;
  providerCounts: Int32Array;
  lastAccounted: number;
  belowSeconds: number;
  /** The current deployment: the dynamics recorder's record of it, updated in place. */
  deployment: DeploymentRecord | null;
  /** daemon: the live task per instance, or -1 */
  daemonOn: Map<number, number>;
  /** daemon: instances it ever launched on (a first launch there is not a replacement) */
  daemonServed: Set<number>;
  /** whether this reconciliation pass launched or stopped anything */
  acted: boolean;
  /** replica: the highest desiredCount so far (launches beyond it are replacements) */
  peakDesired: number;
  /** live tasks running an older task definition than `shape` */
  oldRevision: number;
}

export class Services implements ServiceTaskListener, FleetListener {
  private readonly services: ServiceState[];
  private readonly daemons: ServiceState[];
  private reconciling = false;
  private dirty = new Set<number>();

  /** Subscribes to the engine's service task events and to the fleets' instance events. */
  constructor(
    private readonly engine: Engine,
    private readonly fleets: Fleets,
  ) {
    engine.listen(this);
    fleets.listen(this);
    this.services = engine.scenario.dynamics.services.map((spec, index) => ({
      spec,
      index,
      group: engine.groups.id(`service:${spec.name}`),
      shape: spec.shape,
      desired: spec.desiredCount,
      live: new Set(),
      running: 0,
      launches: 0,
      startFailures: 0,
      retryAt: 0,
      retryScheduled: -1,
      lastStartFailure: -1,
      providerCounts: new Int32Array(spec.providerStrategy.length),
      lastAccounted: 0,
      belowSeconds: 0,
      deployment: null,
      daemonOn: new Map(),
      daemonServed: new Set(),
      acted: false,
      peakDesired: spec.desiredCount,
      oldRevision: 0,
    }));
    this.daemons = this.services.filter((s) => s.spec.daemon);
  }

  /** Daemons first, then replicas, at time 0. */
  begin(): void {
    this.accountDaemons(0);
    for (const s of this.services) if (s.spec.daemon) this.reconcile(s.index, 0);
    for (const s of this.services) if (!s.spec.daemon) this.reconcile(s.index, 0);
  }

  setDesired(index: number, desired: number, now: number): void {
    const s = this.services[index]!;
    this.account(s, now);
    s.desired = desired;
    s.peakDesired = Math.max(s.peakDesired, desired);
    this.reconcile(index, now);
  }

  deploy(index: number, shape: number, now: number): void {
    const s = this.services[index]!;
    s.shape = shape;
    s.oldRevision = 0;
    for (const id of s.live) if (this.engine.tasks.shape[id] !== shape) s.oldRevision++;
    s.startFailures = 0;
    s.retryAt = 0;
    s.deployment = this.engine.dyn.deploymentStarted(s.spec.name, now);
    this.reconcile(index, now);
  }

  /** SERVICE_RETRY event. */
  retry(index: number, now: number): void {
    const s = this.services[index]!;
    if (s.retryScheduled === now) s.retryScheduled = -1;
    this.reconcile(index, now);
  }

  /** Instance i turned ACTIVE: place every daemon on it (before pending tasks are retried). */
  instanceActive(_i: number, now: number): void {
    this.accountDaemons(now);
    for (const s of this.services) if (s.spec.daemon) this.reconcile(s.index, now);
  }

  /** Instance i turned DRAINING: its replica tasks become outdated. */
  instanceDraining(i: number, now: number): void {
    this.accountDaemons(now);
    for (const s of this.services)
      if (!s.spec.daemon)
        for (const id of s.live) {
          if (this.engine.tasks.instance[id] === i && this.engine.tasks.state[id] !== TaskState.Pending) {
            this.reconcile(s.index, now);
            break;
          }
        }
  }

  /** Instance i is gone: daemons account for the lost instance. */
  instanceGone(_i: number, now: number): void {
    this.accountDaemons(now);
    for (const s of this.services) if (s.spec.daemon) this.reconcile(s.index, now);
  }

  daemonTasksOn(i: number): number {
    let n = 0;
    for (const s of this.daemons) if (s.daemonOn.has(i)) n++;
    return n;
  }

  serviceTaskRunning(id: number, now: number): void {
    const s = this.services[this.engine.tasks.service[id]!]!;
    this.account(s, now);
    s.running++;
    s.startFailures = 0;
    this.engine.dyn.serviceRunning(s.index, s.running);
    this.reconcile(s.index, now);
  }

  serviceTaskStopped(id: number, reason: StopReason, wasRunning: boolean, now: number): void {
    const tasks = this.engine.tasks;
    const s = this.services[tasks.service[id]!]!;
    if (wasRunning) {
      this.account(s, now);
      s.running--;
      this.engine.dyn.serviceRunning(s.index, s.running);
    }
    s.live.delete(id);
    if (tasks.shape[id] !== s.shape) s.oldRevision--;
    const share = this.shareOf(s, id);
    if (share >= 0) s.providerCounts[share]!--;
    if (s.spec.daemon && s.daemonOn.get(tasks.instance[id]!) === id) s.daemonOn.delete(tasks.instance[id]!);
    if (reason === StopReason.StartFailed) {
      // Launches that fail together count as one failed attempt.
      if (s.lastStartFailure !== now) s.startFailures++;
      s.lastStartFailure = now;
      s.retryAt = now + restartBackoff(s.startFailures);
    }
    this.reconcile(s.index, now);
  }

  /** Per-service availability over the measured window, at the end of the run. */
  finish(): Record<string, ServiceAvailability> {
    const { horizon, warmup } = this.engine.scenario;
    const out: Record<string, ServiceAvailability> = {};
    for (const s of this.services) {
      this.account(s, horizon);
      const window = horizon - warmup;
      const d = s.deployment;
      out[s.spec.name] = {
        availability: window > 0 ? 1 - s.belowSeconds / window : 1,
        secondsBelowDesired: s.belowSeconds,
        replacements: Math.max(0, s.launches - (s.spec.daemon ? s.daemonServed.size : s.peakDesired)),
        deploymentStalled: d && d.completedAt === null && d.stalledAt !== null ? 1 : 0,
      };
    }
    return out;
  }

  /** ACTIVE instances: a daemon's desired count. */
  private activeInstances(): number {
    const c = this.engine.cluster;
    let n = 0;
    for (let i = 0; i < c.count; i++) if (c.status[i] === InstanceStatus.Active) n++;
    return n;
  }

  /**
   * Adds the time since the last call during which RUNNING < desired. Call before anything changes
   * either; a daemon's desired count (ACTIVE instances) is refreshed here, so instance changes call this
   * for every daemon first.
   */
  private account(s: ServiceState, now: number): void {
    const { warmup, horizon } = this.engine.scenario;
    const from = Math.max(s.lastAccounted, warmup);
    const to = Math.min(now, horizon);
    if (to > from && s.running < s.desired) s.belowSeconds += to - from;
    if (now > s.lastAccounted) s.lastAccounted = now;
    if (s.spec.daemon) s.desired = this.activeInstances();
  }

  private accountDaemons(now: number): void {
    for (const s of this.services) if (s.spec.daemon) this.account(s, now);
  }

  private shareOf(s: ServiceState, id: number): number {
    const p = this.engine.tasks.provider[id]!;
    if (p < 0) return -1;
    return s.spec.providerStrategy.findIndex((sh) => sh.provider === p);
  }

  /** Runs reconciliation; re-entrant calls (a launch reaching RUNNING) are folded into the running one. */
  reconcile(index: number, now: number): void {
    this.dirty.add(index);
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      let guard = 0;
      while (this.dirty.size > 0) {
        const next = this.dirty.values().next().value!;
        this.dirty.delete(next);
        const s = this.services[next]!;
        s.acted = false;
        if (s.spec.daemon) this.reconcileDaemon(s, now);
        else this.reconcileReplica(s, now);
        if (++guard > 1_000_000) throw new Error(`service ${s.spec.name} did not settle at t=${now}`);
      }
    } finally {
      this.reconciling = false;
    }
  }

  private isOutdated(s: ServiceState, id: number): boolean {
    const tasks = this.engine.tasks;
    if (tasks.shape[id] !== s.shape) return true;
    const state = tasks.state[id]!;
    return (
      state !== TaskState.Pending &&
      this.engine.cluster.status[tasks.instance[id]!] === InstanceStatus.Draining
    );
  }

  private reconcileReplica(s: ServiceState, now: number): void {
    const e = this.engine;
    const tasks = e.tasks;
    const desired = s.desired;
    const lower = Math.ceil((desired * s.spec.minimumHealthyPercent) / 100);
    const upper = Math.floor((desired * s.spec.maximumPercent) / 100);
    // Fast path: with no old revision live and no DRAINING instance, every live task is up to date and
    // the scan (O(live tasks)) is needed only to pick tasks to stop.
    const scan = s.oldRevision > 0 || this.fleets.draining > 0 || s.live.size > desired;
    let good = scan ? 0 : s.live.size;
    const goodTasks: number[] = [];
    const outdated: number[] = [];
    if (scan) {
      for (const id of s.live) {
        if (this.isOutdated(s, id)) outdated.push(id);
        else {
          good++;
          goodTasks.push(id);
        }
      }
    }
    // 1. Too many good tasks: pending ones first, then the most recently launched.
    if (good > desired) {
      const order = goodTasks.sort((a, b) => pendingFirst(tasks.state[a]!, tasks.state[b]!) || b - a);
      for (let k = 0; k < good - desired; k++) {
        const id = order[k]!;
        e.stop(id, now, tasks.state[id] === TaskState.Pending ? StopReason.Cancelled : StopReason.ScaledIn);
      }
      return;
    }
    // 2-3. Replace outdated tasks within the bounds.
    const reasonFor = (id: number) =>
      tasks.shape[id] !== s.shape ? StopReason.Deployment : StopReason.Drained;
    for (const id of outdated) {
      const state = tasks.state[id]!;
      if (state === TaskState.Pending || state === TaskState.Provisioning) {
        e.stop(id, now, state === TaskState.Pending ? StopReason.Cancelled : reasonFor(id));
        return;
      }
    }
    for (const id of outdated) {
      if (s.running - 1 >= lower && tasks.state[id] === TaskState.Running) {
        e.stop(id, now, reasonFor(id));
        return;
      }
    }
    // 4. Launch.
    const need = desired - good;
    const room = upper - s.live.size;
    const n = Math.min(need, room);
    if (n > 0) {
      if (now < s.retryAt) {
        if (s.retryScheduled !== s.retryAt) {
          s.retryScheduled = s.retryAt;
          e.push(s.retryAt, SERVICE_RETRY, s.index);
        }
      } else {
        for (let k = 0; k < n; k++) this.launch(s, now, -1);
      }
    }
    this.trackDeployment(s, outdated, now);
  }

  private trackDeployment(s: ServiceState, outdated: number[], now: number): void {
    const d = s.deployment;
    if (!d || d.completedAt !== null) return;
    const tasks = this.engine.tasks;
    const oldRevision = outdated.some((id) => tasks.shape[id] !== s.shape);
    if (!oldRevision && s.running >= s.desired) {
      d.completedAt = now;
      return;
    }
    let inFlight = false;
    for (const id of s.live) if (tasks.state[id] !== TaskState.Running) inFlight = true;
    if (oldRevision && !inFlight && !s.acted && d.stalledAt === null && now >= s.retryAt) {
      d.stalledAt = now;
    }
  }

  private reconcileDaemon(s: ServiceState, now: number): void {
    const e = this.engine;
    const c = e.cluster;
    const tasks = e.tasks;
    for (const [i, id] of s.daemonOn) {
      if (tasks.shape[id] !== s.shape && tasks.state[id] !== TaskState.Stopped) {
        e.stop(id, now, StopReason.Deployment);
        return;
      }
      if (c.status[i] === InstanceStatus.Gone) s.daemonOn.delete(i);
    }
    if (now < s.retryAt) {
      if (s.retryScheduled !== s.retryAt) {
        s.retryScheduled = s.retryAt;
        e.push(s.retryAt, SERVICE_RETRY, s.index);
      }
    } else {
      for (let i = 0; i < c.count; i++) {
        if (c.status[i] !== InstanceStatus.Active || s.daemonOn.has(i)) continue;
        if (c.misfit(e.shapes[s.shape]!, i) !== 0) continue;
        this.launch(s, now, i);
        if (this.dirty.has(s.index)) return;
      }
    }
    this.trackDeployment(s, [], now);
  }

  private launch(s: ServiceState, now: number, instance: number): void {
    const e = this.engine;
    const id = e.newTask(s.shape, -1, s.group, now, Number.POSITIVE_INFINITY);
    e.tasks.service[id] = s.index;
    e.tasks.ordinal[id] = s.launches++;
    s.live.add(id);
    const shares = s.spec.providerStrategy;
    if (shares.length > 0) {
      const j = chooseShare(shares, s.providerCounts);
      s.providerCounts[j]!++;
      e.tasks.provider[id] = shares[j]!.provider;
    }
    s.acted = true;
    if (instance >= 0) {
      s.daemonServed.add(instance);
      s.daemonOn.set(instance, id);
      e.placeOn(id, instance, now);
    } else {
      e.submit(id, now);
    }
  }
}

function pendingFirst(a: number, b: number): number {
  return (a === TaskState.Pending ? 0 : 1) - (b === TaskState.Pending ? 0 : 1);
}
