/**
 * ECS services (ecs_services.md, service-throttle-logic.md, deployment-type-ecs.md,
 * container-instance-draining.md).
 *
 * REPLICA: the service keeps `desiredCount` tasks. A task is *outdated* when it runs an older task
 * definition (a deployment) or sits on a DRAINING instance; outdated tasks must be replaced. One
 * reconciliation, repeated until nothing changes:
 *   lower = ceil(desired x minimumHealthyPercent / 100), upper = floor(desired x maximumPercent / 100)
 *   1. stop good tasks beyond desiredCount (pending first, then as the service's placement chain says:
 *      scale-in-order.ts; the chain is the service's own placementStrategy, else the run's strategy);
 *   2. cancel outdated tasks that are not RUNNING yet;
 *   3. stop outdated RUNNING tasks while healthy - 1 >= lower, where healthy counts RUNNING tasks that passed
 *      their health checks or, without checks, have run UNCHECKED_HEALTHY_WAIT (40 s); a stop held only by
 *      tasks still waiting is looked at again when the first of them counts;
 *   4. launch min(desired - good, upper - live) new tasks, unless the restart back-off holds launches.
 * A deployment with 100/100 can neither launch (live = upper) nor stop (RUNNING = lower): it stalls, and is
 * reported with the time it was found stuck.
 *
 * Restart back-off: a launch that never reaches RUNNING (start failure) raises the service's consecutive
 * failure count n (launches failing at the same instant count once) and holds further launches for min(15 min, 10 s x 2^(n-1)); a task reaching RUNNING
 * or a new deployment resets it. Tasks that crash after RUNNING are replaced at once (as in ECS, they do not
 * trigger the throttle). The 10 s base and doubling are berth's choice: ECS documents only the 15-minute cap.
 *
 * DAEMON: one task per ACTIVE instance that meets its placement constraints (task definition's, service's,
 * strategy's; checked at launch, never re-checked for a running task), placed on that instance as soon as it
 * turns ACTIVE, before any pending task is retried ("placed first"); a daemon task is never replaced away from
 * a DRAINING instance and stops only when the instance is gone ("stopped last"); its deployment replaces it
 * in place.
 *
 * Availability: time-weighted over the measured window, the fraction of time RUNNING >= desiredCount
 * (for a daemon, one task per ACTIVE instance that meets its constraints).
 *
 * Availability Zone rebalancing (service-rebalancing.html; az-rebalancing.ts holds the arithmetic): a replica
 * service with `availabilityZoneRebalancing: ENABLED` whose first placement step (its own chain's, else the
 * run's) spreads over
 * ecs.availability-zone is watched once it is steady (every task RUNNING and up to date). When the RUNNING
 * tasks per zone (zones with an ACTIVE instance) differ by more than one, it starts a batch of extra tasks,
 * at most up to maximumPercent, which the zone spread places in the emptiest zones; each extra task that
 * reaches RUNNING lets step 1 stop one task from the fullest zone. With no room above desiredCount it stops
 * first, from the fullest zone, within minimumHealthyPercent, and step 4 relaunches. One batch per
 * REBALANCE_INTERVAL; an extra task still PENDING when the interval ends is cancelled (no room in the zone).
 */
import type { DeploymentRecord, ServiceAvailability } from "../metrics/dynamics-recorder.ts";
import { InstanceStatus, MISFIT_REASON } from "../model/cluster.ts";
import { StopReason, TaskState } from "../model/task-table.ts";
import type { ConstraintSet } from "../placement/constraints.ts";
import type { PlacementStrategyStep } from "../placement/step.ts";
import type { ServiceSpec } from "../scenario/compile-dynamics.ts";
import { REBALANCE_INTERVAL, rebalanceMoves, zoneSpreadFirst } from "./az-rebalancing.ts";
import { chooseShare } from "./capacity-providers.ts";
import { DaemonHeadroom } from "./daemon-headroom.ts";
import type { Engine, ServiceTaskListener } from "./engine.ts";
import { SERVICE_RETRY } from "./events.ts";
import type { FleetListener, Fleets } from "./instance-lifecycle.ts";
import { type ScaleInView, scaleInVictims } from "./scale-in-order.ts";
import type { Timeline } from "./timeline.ts";

export const BACKOFF_BASE = 10;
/** Seconds between re-checks of instances where a daemon task did not fit (berth's choice). */
export const DAEMON_RECHECK = 60;
const NO_ROOM = { cpu: 0, memory: 0 };
export const BACKOFF_CAP = 15 * 60;
/**
 * Seconds a RUNNING task without container health checks waits before it counts toward
 * minimumHealthyPercent (API reference, DeploymentConfiguration.minimumHealthyPercent: the scheduler waits
 * 40 seconds after the task reaches RUNNING).
 */
export const UNCHECKED_HEALTHY_WAIT = 40;

/** Failed tasks that fail a deployment with the circuit breaker on: ceil(desired / 2) within 10..200. */
export function circuitBreakerThreshold(desired: number): number {
  return Math.min(200, Math.max(10, Math.ceil(0.5 * desired)));
}

/** Delay before the next launch after n consecutive start failures. */
export function restartBackoff(n: number): number {
  return n <= 0 ? 0 : Math.min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (n - 1));
}

interface ServiceState {
  spec: ServiceSpec;
  /** The chain that places the service's tasks: its own placementStrategy, else the run's strategy. */
  chain: PlacementStrategyStep[];
  /** AZ rebalancing can act: the chain's first step spreads over zones. */
  rebalanceCompatible: boolean;
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
  /** RUNNING tasks per zone index */
  zoneRunning: Map<number, number>;
  /** time integral of (most - fewest RUNNING tasks per zone), since `balanceAt` */
  imbalanceArea: number;
  balanceAt: number;
  /** AZ rebalancing: extra tasks of the current batch not RUNNING yet, and stops owed for those that are */
  rebalanceExtra: Set<number>;
  rebalanceStops: number;
  /** no new rebalancing batch before this time */
  rebalanceNext: number;
  rebalanceMoves: number;
  /** Task moves (task-moves.ts) under way start-first: the replacement (key) and the task it replaces. */
  moves: Map<number, number>;
  /** Task moves made stop-first: the instances their replacements go to, in order. */
  relaunchOn: number[];
  /** time integral of max(0, desired - RUNNING): task-seconds below desired */
  taskSecondsBelow: number;
  /** Deployment circuit breaker: failed tasks of the current deployment since the last healthy one. */
  breakerFailures: number;
  /** The circuit breaker failed the current deployment: no new launches until the next one. */
  breakerTripped: boolean;
  /** The task definition (shape) of the last deployment that completed, or -1. */
  lastCompleted: number;
  /**
   * replica: tasks counted in `running` that do not count toward minimumHealthyPercent yet (no health
   * checks, RUNNING less than UNCHECKED_HEALTHY_WAIT ago), with the time they start to; in time order.
   */
  settling: Map<number, number>;
  /** the SERVICE_RETRY pushed for the first settling task to count, or -1 */
  settleWake: number;
  /** daemon: ACTIVE instances where its task did not fit when due, and how many times that began */
  missedOn: Set<number>;
  daemonUnplaced: number;
  /** daemon: the next re-check of missed instances (none before this time) */
  missRetryAt: number;
}

export class Services implements ServiceTaskListener, FleetListener {
  private readonly services: ServiceState[];
  private readonly daemons: ServiceState[];
  private reconciling = false;
  /** begin() ran: the initial instances are all registered */
  private begun = false;
  private readonly scaleInView: ScaleInView;
  /** Zones with an ACTIVE instance; recomputed after an instance changes status. */
  private activeZoneCache: number[] | null = null;
  private dirty = new Set<number>();
  /** The task the next launch replaces (a start-first move), or -1. */
  private moveOf = -1;
  private readonly headroom: DaemonHeadroom;

  /** Subscribes to the engine's service task events and to the fleets' instance events. */
  constructor(
    private readonly engine: Engine,
    private readonly fleets: Fleets,
    /** The strategy's rebalancer, if any: tasks on an instance it vacates are moves, not drains. */
    private readonly rebalancer?: { isVacating(i: number): boolean },
  ) {
    engine.listen(this);
    fleets.listen(this);
    engine.context.events.on(SERVICE_RETRY, (k, now) => this.retry(k, now));
    this.services = engine.scenario.dynamics.services.map((spec, index) => ({
      spec,
      chain: spec.placementStrategy ?? engine.strategy.placementStrategy,
      rebalanceCompatible: zoneSpreadFirst(spec.placementStrategy ?? engine.strategy.placementStrategy),
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
      zoneRunning: new Map(),
      imbalanceArea: 0,
      balanceAt: 0,
      rebalanceExtra: new Set(),
      rebalanceStops: 0,
      rebalanceNext: 0,
      rebalanceMoves: 0,
      moves: new Map(),
      relaunchOn: [],
      taskSecondsBelow: 0,
      breakerFailures: 0,
      breakerTripped: false,
      lastCompleted: -1,
      settling: new Map(),
      settleWake: -1,
      missedOn: new Set(),
      daemonUnplaced: 0,
      missRetryAt: 0,
    }));
    this.headroom = new DaemonHeadroom(engine.cluster, engine.scenario.dynamics.services, engine.shapes);
    this.daemons = this.services.filter((s) => s.spec.daemon);
    const { cluster, tasks, shapes } = engine;
    this.scaleInView = {
      instanceOf: (id) => (tasks.state(id) === TaskState.Pending ? -1 : tasks.instance(id)),
      attribute: (i, name) => cluster.attributes[i]!.get(name),
      free: (i, r) => (r === "cpu" ? cluster.freeCpu[i]! : cluster.freeMemory[i]!),
      demand: (id, r) => shapes[tasks.shape(id)]![r],
    };
  }

  /** Daemons first, then replicas, at time 0. */
  begin(): void {
    this.begun = true;
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

  /** Scheduled desiredCount changes and deployments, service by service. */
  scheduled(timeline: Timeline): void {
    this.engine.scenario.dynamics.services.forEach((s, k) => {
      for (const c of s.desiredCountChanges)
        timeline.add(c.at, (now) => this.setDesired(k, c.desiredCount, now));
      for (const dep of s.deployments) timeline.add(dep.at, (now) => this.deploy(k, dep.shape, now));
    });
  }

  deploy(index: number, shape: number, now: number, rollback = false): void {
    const s = this.services[index]!;
    s.shape = shape;
    s.oldRevision = 0;
    for (const id of s.live) if (this.engine.tasks.shape(id) !== shape) s.oldRevision++;
    s.startFailures = 0;
    s.retryAt = 0;
    s.breakerFailures = 0;
    s.breakerTripped = false;
    s.deployment = this.engine.dyn.deploymentStarted(s.spec.name, now);
    if (rollback) s.deployment.rollback = true;
    this.reconcile(index, now);
  }

  /**
   * A task of the current deployment failed to start or failed its health checks: with the circuit breaker
   * on, count it, and at the threshold fail the deployment (deployment-type-ecs.md, "Failure threshold"):
   * roll back to the last completed task definition, or launch nothing more until the next deployment.
   */
  private breakerFailure(s: ServiceState, now: number): void {
    const breaker = s.spec.circuitBreaker;
    if (!breaker || s.breakerTripped) return;
    s.breakerFailures++;
    if (s.breakerFailures < circuitBreakerThreshold(s.desired)) return;
    s.breakerTripped = true;
    // The service's creation counts as its first deployment (recorded only when it fails).
    s.deployment ??= this.engine.dyn.deploymentStarted(s.spec.name, 0);
    s.deployment.failedAt = now;
    if (breaker.rollback && s.lastCompleted >= 0 && s.lastCompleted !== s.shape)
      this.deploy(s.index, s.lastCompleted, now, true);
  }

  /** SERVICE_RETRY event. */
  retry(index: number, now: number): void {
    const s = this.services[index]!;
    if (s.retryScheduled === now) s.retryScheduled = -1;
    this.reconcile(index, now);
  }

  /** Instance i turned ACTIVE: place every daemon on it (before pending tasks are retried). */
  instanceActive(_i: number, now: number): void {
    this.zonesChanged(now);
    this.accountDaemons(now);
    for (const s of this.services) if (s.spec.daemon) this.reconcile(s.index, now);
    // A zone coming back is what AZ rebalancing waits for.
    if (this.begun)
      for (const s of this.services) if (s.spec.azRebalancing && !s.spec.daemon) this.reconcile(s.index, now);
  }

  /** Instance i turned DRAINING: its replica tasks become outdated. */
  instanceDraining(i: number, now: number): void {
    for (const s of this.daemons) s.missedOn.delete(i);
    this.zonesChanged(now);
    this.accountDaemons(now);
    for (const s of this.services)
      if (!s.spec.daemon)
        for (const id of s.live) {
          if (this.engine.tasks.instance(id) === i && this.engine.tasks.state(id) !== TaskState.Pending) {
            this.reconcile(s.index, now);
            break;
          }
        }
  }

  /** Instance i is gone: daemons account for the lost instance. */
  instanceGone(i: number, now: number): void {
    for (const s of this.daemons) s.missedOn.delete(i);
    this.headroom.gone(i);
    this.zonesChanged(now);
    this.accountDaemons(now);
    for (const s of this.services) if (s.spec.daemon) this.reconcile(s.index, now);
  }

  daemonTasksOn(i: number): number {
    let n = 0;
    for (const s of this.daemons) if (s.daemonOn.has(i)) n++;
    return n;
  }

  serviceTaskRunning(id: number, now: number): void {
    const s = this.services[this.engine.tasks.service(id)]!;
    this.account(s, now);
    this.accountBalance(s, now);
    const z = this.zoneOfTask(id);
    s.zoneRunning.set(z, (s.zoneRunning.get(z) ?? 0) + 1);
    this.reportZones(s);
    if (s.rebalanceExtra.delete(id)) s.rebalanceStops++;
    s.running++;
    // A task with health checks is here once they passed; one without waits before it counts as healthy.
    // Behind a load balancer a task is here once its target groups report it healthy: no wait either.
    if (
      !s.spec.daemon &&
      !s.spec.targetGroups &&
      !this.engine.scenario.shapes[this.engine.tasks.shape(id)]!.healthChecks
    )
      s.settling.set(id, now + UNCHECKED_HEALTHY_WAIT);
    s.startFailures = 0;
    // resetOnHealthyTask (the API default): a healthy task of the deployment resets the breaker's count.
    if (this.engine.tasks.shape(id) === s.shape) s.breakerFailures = 0;
    this.engine.dyn.serviceRunning(s.index, s.running);
    this.reconcile(s.index, now);
  }

  serviceTaskStopped(id: number, reason: StopReason, wasRunning: boolean, now: number): void {
    const tasks = this.engine.tasks;
    const s = this.services[tasks.service(id)]!;
    s.rebalanceExtra.delete(id);
    if (s.moves.size > 0) this.forgetMove(s, id);
    if (wasRunning) {
      this.account(s, now);
      this.accountBalance(s, now);
      const z = this.zoneOfTask(id);
      s.zoneRunning.set(z, s.zoneRunning.get(z)! - 1);
      this.reportZones(s);
      s.running--;
      if (s.settling.size > 0) s.settling.delete(id);
      this.engine.dyn.serviceRunning(s.index, s.running);
    }
    s.live.delete(id);
    if (tasks.shape(id) !== s.shape) s.oldRevision--;
    const share = this.shareOf(s, id);
    if (share >= 0) s.providerCounts[share]!--;
    if (
      (reason === StopReason.StartFailed ||
        reason === StopReason.Unhealthy ||
        reason === StopReason.ElbUnhealthy) &&
      tasks.shape(id) === s.shape
    )
      this.breakerFailure(s, now);
    if (s.spec.daemon && s.daemonOn.get(tasks.instance(id)) === id) {
      const i = tasks.instance(id);
      s.daemonOn.delete(i);
      // Its room is held again at once (nothing else is placed before the service reacts).
      if (this.engine.cluster.status[i] === InstanceStatus.Active) this.headroom.hold(s.index, i, NO_ROOM);
    }
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
    // Keyed by service name, which is user text ("__proto__" included): no prototype.
    const out: Record<string, ServiceAvailability> = Object.create(null);
    for (const s of this.services) {
      this.account(s, horizon);
      this.accountBalance(s, horizon);
      const window = horizon - warmup;
      const d = s.deployment;
      out[s.spec.name] = {
        availability: window > 0 ? 1 - s.belowSeconds / window : 1,
        secondsBelowDesired: s.belowSeconds,
        replacements: Math.max(0, s.launches - (s.spec.daemon ? s.daemonServed.size : s.peakDesired)),
        deploymentStalled: d && d.completedAt === null && d.stalledAt !== null ? 1 : 0,
        zoneImbalance: window > 0 ? s.imbalanceArea / window : 0,
        rebalanceMoves: s.rebalanceMoves,
        taskSecondsBelowDesired: s.taskSecondsBelow,
        daemonUnplaced: s.daemonUnplaced,
      };
    }
    return out;
  }

  /** ACTIVE instances that meet the daemon's placement constraints: its desired count. */
  private daemonInstances(s: ServiceState): number {
    const c = this.engine.cluster;
    const constraints = this.daemonConstraints(s);
    let n = 0;
    for (let i = 0; i < c.count; i++)
      if (
        c.status[i] === InstanceStatus.Active &&
        (!constraints || s.daemonOn.has(i) || constraints.firstFailing(i) < 0)
      )
        n++;
    return n;
  }

  /** The constraints a daemon's current tasks carry (task definition's, service's, strategy's), or null. */
  private daemonConstraints(s: ServiceState): ConstraintSet | null {
    return this.engine.serviceConstraints(s.index, s.shape, s.group);
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
    if (to > from && s.running < s.desired) {
      s.belowSeconds += to - from;
      s.taskSecondsBelow += (to - from) * (s.desired - s.running);
    }
    if (now > s.lastAccounted) s.lastAccounted = now;
    if (s.spec.daemon) s.desired = this.daemonInstances(s);
  }

  /**
   * Whether a task of the service fits an ACTIVE instance of a zone holding the fewest of its tasks: without
   * one, extra tasks would land in the full zones and only churn (ECS reports it cannot place in that zone).
   */
  private fitsInEmptiestZone(s: ServiceState, zones: number[], perZone: number[]): boolean {
    const fewest = Math.min(...perZone);
    const emptiest = new Set(zones.filter((_, k) => perZone[k] === fewest));
    const c = this.engine.cluster;
    const shape = this.engine.shapes[s.shape]!;
    for (let i = 0; i < c.count; i++)
      if (c.status[i] === InstanceStatus.Active && emptiest.has(c.zoneOf[i]!) && c.misfit(shape, i) === 0)
        return true;
    return false;
  }

  /** Adds the zone imbalance since the last call; call before a RUNNING count or the zone set changes. */
  private accountBalance(s: ServiceState, now: number): void {
    const { warmup, horizon } = this.engine.scenario;
    const from = Math.max(s.balanceAt, warmup);
    const to = Math.min(now, horizon);
    if (to > from && !s.spec.daemon) s.imbalanceArea += (to - from) * this.spreadOf(s);
    if (now > s.balanceAt) s.balanceAt = now;
  }

  /** Most minus fewest RUNNING tasks over the zones with an ACTIVE instance (0 with fewer than 2 zones). */
  private spreadOf(s: ServiceState): number {
    const zones = this.activeZones();
    if (zones.length < 2) return 0;
    let most = 0;
    let fewest = Number.POSITIVE_INFINITY;
    for (const z of zones) {
      const n = s.zoneRunning.get(z) ?? 0;
      if (n > most) most = n;
      if (n < fewest) fewest = n;
    }
    return most - fewest;
  }

  private activeZones(): number[] {
    if (this.activeZoneCache) return this.activeZoneCache;
    const c = this.engine.cluster;
    const seen = new Set<number>();
    for (let i = 0; i < c.count; i++) if (c.status[i] === InstanceStatus.Active) seen.add(c.zoneOf[i]!);
    this.activeZoneCache = [...seen].sort((a, b) => a - b);
    return this.activeZoneCache;
  }

  private zonesChanged(now: number): void {
    for (const s of this.services) this.accountBalance(s, now);
    this.activeZoneCache = null;
    for (const s of this.services) this.reportZones(s);
  }

  /** Tells the dynamics recorder the most and fewest RUNNING tasks of a replica service in one zone. */
  private reportZones(s: ServiceState): void {
    if (s.spec.daemon) return;
    const zones = this.activeZones();
    let most = 0;
    let fewest = zones.length > 0 ? Number.POSITIVE_INFINITY : 0;
    for (const z of zones) {
      const n = s.zoneRunning.get(z) ?? 0;
      if (n > most) most = n;
      if (n < fewest) fewest = n;
    }
    this.engine.dyn.serviceZones(s.index, most, fewest);
  }

  private zoneOfTask(id: number): number {
    return this.engine.cluster.zoneOf[this.engine.tasks.instance(id)]!;
  }

  private accountDaemons(now: number): void {
    for (const s of this.services) if (s.spec.daemon) this.account(s, now);
  }

  private shareOf(s: ServiceState, id: number): number {
    const p = this.engine.tasks.provider(id);
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
    if (tasks.shape(id) !== s.shape) return true;
    const state = tasks.state(id);
    return (
      state !== TaskState.Pending &&
      this.engine.cluster.status[tasks.instance(id)] === InstanceStatus.Draining
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
    // An extra rebalancing task still PENDING when its interval is over found no room: give it up.
    if (s.rebalanceExtra.size > 0 && now >= s.rebalanceNext)
      for (const id of s.rebalanceExtra)
        if (tasks.state(id) === TaskState.Pending) s.rebalanceExtra.delete(id);
    // A task move whose replacement is RUNNING stops the task it replaces (start first, then stop).
    for (const [fresh, old] of s.moves) {
      if (tasks.state(fresh) === TaskState.Running) {
        s.moves.delete(fresh);
        e.stop(old, now, StopReason.TaskMoved);
        return;
      }
    }
    // 1. Too many good tasks: pending ones first, then as the placement strategy says (scale-in-order.ts).
    // Extra rebalancing tasks still starting are not too many; each one RUNNING owes one stop; a move's
    // replacement is not too many either (it stops the task it replaces once RUNNING).
    if (good > desired + s.rebalanceExtra.size + s.moves.size) {
      const reason = s.rebalanceStops > 0 ? StopReason.Rebalanced : StopReason.ScaledIn;
      s.rebalanceStops = 0;
      const extra = s.rebalanceExtra;
      const moves = s.moves;
      const candidates =
        extra.size > 0 || moves.size > 0
          ? goodTasks.filter((id) => !extra.has(id) && !moves.has(id))
          : goodTasks;
      const count = good - desired - extra.size - moves.size;
      for (const id of scaleInVictims(candidates, count, s.chain, this.scaleInView)) {
        e.stop(id, now, tasks.state(id) === TaskState.Pending ? StopReason.Cancelled : reason);
      }
      return;
    }
    s.rebalanceStops = 0;
    // 2-3. Replace outdated tasks within the bounds.
    const reasonFor = (id: number) =>
      tasks.shape(id) !== s.shape
        ? StopReason.Deployment
        : this.rebalancer?.isVacating(tasks.instance(id))
          ? StopReason.Moved
          : StopReason.Drained;
    for (const id of outdated) {
      const state = tasks.state(id);
      // A task still waiting for its health checks does not count yet: it goes like one still starting.
      if (state === TaskState.Pending || state === TaskState.Provisioning || e.awaitsHealthChecks(id)) {
        e.stop(id, now, state === TaskState.Pending ? StopReason.Cancelled : reasonFor(id));
        return;
      }
    }
    if (outdated.length > 0) {
      const healthy = this.healthy(s, now);
      for (const id of outdated) {
        if (tasks.state(id) === TaskState.Running && healthy - this.counts(s, id) >= lower) {
          e.stop(id, now, reasonFor(id));
          return;
        }
      }
      // Held by minimumHealthyPercent while new tasks wait to count: look again when the first one does.
      this.wakeWhenSettled(s);
    }
    // 4. Launch.
    const need = desired - good;
    const room = upper - s.live.size;
    const n = s.breakerTripped ? 0 : Math.min(need, room);
    if (n > 0) {
      if (now < s.retryAt) {
        if (s.retryScheduled !== s.retryAt) {
          s.retryScheduled = s.retryAt;
          e.push(s.retryAt, SERVICE_RETRY, s.index);
        }
      } else {
        for (let k = 0; k < n; k++) {
          // A stop-first move's replacement goes to the instance the move named.
          const pinned = s.relaunchOn.shift();
          this.launch(s, now, -1, pinned === undefined ? -1 : pinned);
        }
      }
    }
    this.trackDeployment(s, outdated, now);
    if (s.spec.azRebalancing && good === desired && s.running === desired && outdated.length === 0)
      this.rebalance(s, now, lower, upper);
  }

  /** One AZ rebalancing batch, when the service is steady and its zones differ by more than one task. */
  private rebalance(s: ServiceState, now: number, lower: number, upper: number): void {
    if (!s.rebalanceCompatible || s.rebalanceExtra.size > 0 || now < s.rebalanceNext) return;
    const zones = this.activeZones();
    const perZone = zones.map((z) => s.zoneRunning.get(z) ?? 0);
    const moves = rebalanceMoves(perZone);
    if (moves === 0 || !this.fitsInEmptiestZone(s, zones, perZone)) return;
    s.rebalanceNext = now + REBALANCE_INTERVAL;
    this.engine.push(s.rebalanceNext, SERVICE_RETRY, s.index);
    const room = upper - s.live.size;
    if (room > 0) {
      // Start first: the zone spread puts each extra task in the emptiest zone that has room.
      for (let k = 0; k < Math.min(room, moves); k++) {
        s.rebalanceExtra.add(this.launch(s, now, -1));
        s.rebalanceMoves++;
      }
      return;
    }
    // No room above desiredCount: stop first, from the fullest zone, within minimumHealthyPercent.
    const stops = Math.min(moves, this.healthy(s, now) - lower);
    if (stops <= 0) {
      this.wakeWhenSettled(s);
      return;
    }
    const chain = [{ type: "spread", field: "attribute:ecs.availability-zone" }];
    const running = [...s.live].filter((id) => this.engine.tasks.state(id) === TaskState.Running);
    for (const id of scaleInVictims(running, stops, chain, this.scaleInView)) {
      s.rebalanceMoves++;
      this.engine.stop(id, now, StopReason.Rebalanced);
    }
  }

  private trackDeployment(s: ServiceState, outdated: number[], now: number): void {
    const d = s.deployment;
    const tasks = this.engine.tasks;
    if (!d || d.completedAt !== null) {
      // The service's creation completes like a deployment (the circuit breaker's rollback target).
      if (!d && s.lastCompleted < 0 && s.oldRevision === 0 && s.running >= s.desired)
        s.lastCompleted = s.shape;
      return;
    }
    const oldRevision = outdated.some((id) => tasks.shape(id) !== s.shape);
    if (!oldRevision && s.running >= s.desired) {
      d.completedAt = now;
      s.lastCompleted = s.shape;
      return;
    }
    // Tasks still starting, or waiting to count as healthy, mean the deployment is moving.
    let inFlight = s.settling.size > 0;
    for (const id of s.live) if (tasks.state(id) !== TaskState.Running) inFlight = true;
    if (oldRevision && !inFlight && !s.acted && d.stalledAt === null && now >= s.retryAt) {
      d.stalledAt = now;
    }
  }

  private reconcileDaemon(s: ServiceState, now: number): void {
    const e = this.engine;
    const c = e.cluster;
    const tasks = e.tasks;
    for (const [i, id] of s.daemonOn) {
      if (tasks.shape(id) !== s.shape && tasks.state(id) !== TaskState.Stopped) {
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
      const shape = e.shapes[s.shape]!;
      const constraints = this.daemonConstraints(s);
      for (let i = 0; i < c.count; i++) {
        if (c.status[i] !== InstanceStatus.Active || s.daemonOn.has(i)) continue;
        // An instance outside the daemon's constraints is not one of its instances (no miss, no hold).
        if (constraints && constraints.firstFailing(i) >= 0) continue;
        this.headroom.release(s.index, i);
        if (c.misfit(shape, i) !== 0) {
          // No room for the daemon on an ACTIVE instance: counted once per episode, re-checked later.
          this.headroom.hold(s.index, i, NO_ROOM);
          if (!s.missedOn.has(i)) {
            s.missedOn.add(i);
            s.daemonUnplaced++;
          }
          continue;
        }
        s.missedOn.delete(i);
        this.launch(s, now, i);
        this.headroom.hold(s.index, i, shape);
        if (this.dirty.has(s.index)) return;
      }
      if (s.missedOn.size > 0 && now >= s.missRetryAt) {
        s.missRetryAt = now + DAEMON_RECHECK;
        e.push(s.missRetryAt, SERVICE_RETRY, s.index);
      }
    }
    this.trackDeployment(s, [], now);
  }

  /**
   * Starts moving service task `id` (task-moves.ts) to instance `to` (-1: wherever placement puts it), and
   * returns "" or why it cannot move now. Start first while maximumPercent leaves room: a replacement is
   * launched and, once RUNNING, the task is stopped; otherwise stop first while RUNNING stays at or above
   * minimumHealthyPercent, the replacement launching at once; otherwise the move is refused.
   */
  move(id: number, to: number, now: number): string {
    const e = this.engine;
    const tasks = e.tasks;
    const k = tasks.service(id);
    if (k < 0) return "standalone task";
    const s = this.services[k]!;
    if (s.spec.daemon) return "daemon task";
    const p = tasks.provider(id);
    if (p >= 0 && e.scenario.dynamics.providers[p]!.fargate) return "Fargate task";
    if (this.isOutdated(s, id)) return "outdated task (deployment or draining under way)";
    if (s.rebalanceExtra.has(id)) return "task already moving";
    for (const [fresh, old] of s.moves) if (fresh === id || old === id) return "task already moving";
    if (to >= 0) {
      const why = this.cannotHost(id, to, now);
      if (why !== "") return why;
    }
    const lower = Math.ceil((s.desired * s.spec.minimumHealthyPercent) / 100);
    const upper = Math.floor((s.desired * s.spec.maximumPercent) / 100);
    if (s.live.size + s.relaunchOn.length < upper) {
      // Registered before placement: a replacement with no startup time is RUNNING within launch().
      this.moveOf = id;
      this.launch(s, now, -1, to, p);
      return "";
    }
    if (
      tasks.state(id) === TaskState.Running &&
      this.healthy(s, now) - this.counts(s, id) >= lower &&
      now >= s.retryAt
    ) {
      if (to >= 0) s.relaunchOn.push(to);
      e.stop(id, now, StopReason.TaskMoved);
      return "";
    }
    return "deployment limits (no room below maximumPercent, no task to spare above minimumHealthyPercent)";
  }

  /** Whether a move of service task `id` is under way (it stops once its replacement runs). */
  isMoving(id: number): boolean {
    const s = this.services[this.engine.tasks.service(id)];
    if (!s || s.moves.size === 0) return false;
    for (const old of s.moves.values()) if (old === id) return true;
    return false;
  }

  /** Why a replacement of task `id` cannot be placed on instance i now ("" when it can). */
  cannotHost(id: number, i: number, now: number): string {
    const e = this.engine;
    const c = e.cluster;
    const tasks = e.tasks;
    if (!Number.isInteger(i) || i < 0 || i >= c.count) return "unknown instance";
    if (c.status[i] !== InstanceStatus.Active) return "instance not ACTIVE";
    if (tasks.instance(id) === i) return "already on that instance";
    const p = tasks.provider(id);
    if (p >= 0 && e.providers.providerOf(i) !== p) return "instance of another capacity provider";
    const k = tasks.service(id);
    const shape = e.shapes[k >= 0 ? this.services[k]!.shape : tasks.shape(id)]!;
    const misfit = c.misfit(shape, i);
    if (misfit !== 0) return `does not fit (${MISFIT_REASON[misfit]})`;
    const constraints = e.prepare(id, now).constraints;
    if (constraints && constraints.firstFailing(i) >= 0) return "placement constraint";
    return "";
  }

  /** The entries of moves involving task `id`, which stopped: a replacement that never ran, or a replaced task. */
  private forgetMove(s: ServiceState, id: number): void {
    for (const [fresh, old] of s.moves) if (fresh === id || old === id) s.moves.delete(fresh);
  }

  /**
   * RUNNING tasks that count toward minimumHealthyPercent at `now`: healthy if they have health checks,
   * RUNNING for UNCHECKED_HEALTHY_WAIT seconds if not. Drops settling tasks whose wait is over.
   */
  private healthy(s: ServiceState, now: number): number {
    for (const [id, at] of s.settling) {
      if (at > now) break;
      s.settling.delete(id);
    }
    return s.running - s.settling.size;
  }

  /** 1 when task `id` counts toward minimumHealthyPercent (call after healthy()), else 0. */
  private counts(s: ServiceState, id: number): number {
    return s.settling.size > 0 && s.settling.has(id) ? 0 : 1;
  }

  /** Reconciles again when the first settling task starts to count (once per such time). */
  private wakeWhenSettled(s: ServiceState): void {
    if (s.settling.size === 0) return;
    const at = s.settling.values().next().value!;
    if (s.settleWake === at) return;
    s.settleWake = at;
    this.engine.push(at, SERVICE_RETRY, s.index);
  }

  private launch(s: ServiceState, now: number, instance: number, pinned = -1, provider = -1): number {
    const e = this.engine;
    const id = e.newTask(s.shape, -1, s.group, now, Number.POSITIVE_INFINITY);
    e.tasks.setService(id, s.index);
    e.tasks.setOrdinal(id, s.launches++);
    s.live.add(id);
    if (this.moveOf >= 0) {
      s.moves.set(id, this.moveOf);
      this.moveOf = -1;
    }
    const shares = s.spec.providerStrategy;
    // A move's replacement keeps the provider of the task it replaces.
    const forced = provider >= 0 ? shares.findIndex((sh) => sh.provider === provider) : -1;
    if (forced >= 0) {
      s.providerCounts[forced]!++;
      e.tasks.setProvider(id, provider);
    } else if (shares.length > 0) {
      const j = chooseShare(shares, s.providerCounts);
      s.providerCounts[j]!++;
      e.tasks.setProvider(id, shares[j]!.provider);
    }
    s.acted = true;
    if (instance >= 0) {
      s.daemonServed.add(instance);
      s.daemonOn.set(instance, id);
      e.placeOn(id, instance, now);
    } else if (pinned < 0 || !e.placeOn(id, pinned, now)) {
      e.submit(id, now);
    }
    return id;
  }
}
