/**
 * The task lifecycle, and nothing else: create a task, place it (restricted to its capacity provider's
 * instances when it has one), start it, turn it RUNNING, stop it with a reason, and retry pending tasks
 * against the instances an event changed.
 *
 * It is built from the run context (run-context.ts) and builds its task faults (container-faults.ts), which
 * decide at each placement whether the launch fails and at RUNNING when containers crash. It handles
 * TASK_END and TASK_RUNNING. Modules that follow
 * service tasks subscribe with listen() when they are built (services.ts). Placement classes live in
 * placement-classes.ts, the change set is an IdSet (core/growable.ts).
 */

import { atLeast, IdSet } from "../core/growable.ts";
import { type Cluster, Misfit } from "../model/cluster.ts";
import { isLoss, STOP_REASON_TEXT, StopReason, TaskState, taskIdText } from "../model/task-table.ts";
import type { ConstraintSet } from "../placement/constraints.ts";
import type { Placer } from "../placement/placer.ts";
import type { CompiledChain } from "../placement/registry.ts";
import { Decision } from "../placement/task-view.ts";
import { ContainerFaults } from "./container-faults.ts";
import { DecisionTimer } from "./decision-timer.ts";
import type { LogEntry } from "./event-log.ts";
import { PRIORITY, TASK_END, TASK_RUNNING } from "./events.ts";
import { InstanceTasks } from "./instance-tasks.ts";
import { PlacementClasses } from "./placement-classes.ts";
import { CHECK_MASK, checkMemory, DEFAULT_RUN_BUDGET, type RunBudget } from "./run-budget.ts";
import { type RunContext, schedule } from "./run-context.ts";
import { TaskHealth } from "./task-health.ts";
import { TaskStartup } from "./task-startup.ts";

/** Inspection hooks for `berth explain` / `berth diff`; a normal run passes none and pays nothing. */
export interface RunProbe {
  /** After the first placement decision of each submitted task (chosen: instance id or -1). */
  submitted?(decision: Decision, chosen: number, cluster: Cluster, chain: CompiledChain): void;
  /** Once, with the state at time `at` (after every event at or before it), for each pending task. */
  pendingAt?: { at: number; inspect(decision: Decision, cluster: Cluster, chain: CompiledChain): void };
  /** After each event (time, pending count, instances in use), for divergence curves. */
  afterEvent?(time: number, pending: number, instancesInUse: number): void;
}

/** Per-task Fargate capacity (instance-lifecycle.ts registers itself as Engine.fargate). */
export interface FargateCapacity {
  /** A task bound to a Fargate provider was submitted: launch its own capacity (it starts when ready). */
  fargateLaunch(id: number, now: number): void;
  /** A Fargate task stopped or was cancelled (instance -1 when it never started): retire its capacity. */
  fargateStopped(id: number, instance: number, now: number): void;
}

/** What a module following service tasks hears (services.ts subscribes with Engine.listen). */
export interface ServiceTaskListener {
  serviceTaskRunning(id: number, now: number): void;
  /** A service task stopped or was cancelled. */
  serviceTaskStopped(id: number, reason: StopReason, wasRunning: boolean, now: number): void;
}

/**
 * Every DECISION_TIMING_STRIDE-th decision of an arriving task is timed (the first always is): two clock
 * reads per decision cost more than an index decision itself, and a regular subsample keeps the mean and
 * percentiles of `timing.decisionTimeUs` while cutting that cost (and the final sort) by the stride.
 */
export const DECISION_TIMING_STRIDE = 8;

/**
 * The engine carries the run's shared state (RunContext: scenario, cluster, tasks, placer, recorders, queues)
 * as its own fields, so modules read `engine.cluster`, `engine.tasks`...: declared once, in RunContext, and
 * copied from the context once, first thing in the constructor (the same objects, never reassigned).
 */
export interface Engine extends RunContext {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the fields are RunContext's, assigned in the constructor
export class Engine {
  /** Wall-clock microseconds of the timed decisions (see DECISION_TIMING_STRIDE; decision-timer.ts). */
  readonly decisionTimes = new DecisionTimer(DECISION_TIMING_STRIDE);
  /** Decisions of arriving tasks, timed or not. */
  decisions = 0;
  /** Tasks per instance, for losing an instance; instances only go away in runs with dynamics. */
  readonly onInstance: InstanceTasks;
  /** Whether any task can belong to a service (else the service column is never read). */
  private readonly hasServices: boolean;
  /** Whether any capacity provider is Fargate (else a task's provider column is never read on stop). */
  private readonly hasFargate: boolean;
  readonly decision: Decision;
  private readonly classes: PlacementClasses;
  /** Pending tasks whose constraints a placement can satisfy (task:group affinity, runningTasksCount). */
  private pendingEnablers = 0;
  /** Placements made while such a task was pending: a retry round that adds any calls for another. */
  private enablingPlacements = 0;
  /** Instances changed by the current event: pending tasks are retried against these only. */
  readonly changed = new IdSet();
  private scratch = new Int32Array(16);
  private readonly startup: TaskStartup;
  /** Launch failures and container crashes of placed tasks (container-faults.ts). */
  private readonly faults: ContainerFaults;
  /** Container health checks of service tasks (task-health.ts). */
  private readonly health: TaskHealth;
  private readonly serviceListeners: ServiceTaskListener[] = [];
  /** Set by the fleets module when the scenario has Fargate providers. */
  fargate: FargateCapacity | undefined;
  /** The placer of the last choose() (its failureReason explains a failed decision). */
  private lastPlacer: Placer;

  /** The run's memory budget, checked as tasks are created (simulate sets it). */
  budget: RunBudget = DEFAULT_RUN_BUDGET;
  /** The strategy's name (what the event log writes). */
  get strategyName(): string {
    return this.strategy.name;
  }

  constructor(
    readonly context: RunContext,
    readonly probe: RunProbe | undefined = undefined,
  ) {
    Object.assign(this, context);
    this.lastPlacer = context.placer;
    this.decision = new Decision(this.shapes[0]!);
    const d = context.scenario.dynamics;
    this.onInstance = new InstanceTasks(d.active);
    // Without dynamics a task stops only at its own completion event (or at once, failing placement), after
    // which no event, pending list or instance list refers to it: its slot can be reused.
    this.tasks.recycling = !d.active;
    this.hasServices = d.services.length > 0;
    this.hasFargate = d.providers.some((p) => p.fargate === true);
    this.classes = new PlacementClasses(context);
    this.startup = new TaskStartup(d.startupTimes, context.seed);
    this.faults = new ContainerFaults(context, this);
    this.health = new TaskHealth(this);
    context.events.on(TASK_END, (id, now) => this.stop(id, now, StopReason.Completed));
    context.events.on(TASK_RUNNING, (id, now) => this.startupDone(id, now));
  }

  /** Subscribes a module to service task events (called from the module's constructor). */
  listen(listener: ServiceTaskListener): void {
    this.serviceListeners.push(listener);
  }

  /** Loads task `id` into the shared Decision. */
  prepare(id: number, now: number): Decision {
    const t = this.tasks;
    const d = this.decision;
    if (t.placementClass(id) === -1) t.setPlacementClass(id, this.classes.of(t, id));
    d.setShape(this.shapes[t.shape(id)]!);
    d.id = t.serial(id);
    d.groupId = t.group(id);
    d.group = this.groups.names[d.groupId]!;
    d.time = now;
    d.constraints = this.classes.constraints[t.placementClass(id)]!;
    return d;
  }

  /**
   * The constraints a task of service `service` with this shape carries (task definition's, service's,
   * strategy's), or null: daemons check an instance before launching on it.
   */
  serviceConstraints(service: number, shape: number, group: number): ConstraintSet | null {
    return this.classes.constraints[this.classes.classOf(-1, service, shape, group, -1)]!;
  }

  get horizon(): number {
    return this.scenario.horizon;
  }

  push(time: number, kind: number, arg: number): void {
    schedule(this.context, time, kind, arg);
  }

  write(entry: LogEntry): void {
    this.log?.write(this.strategy.name, this.seed, entry);
  }

  markChanged(i: number): void {
    this.changed.add(i);
  }

  /** After each event: retry pending tasks on the changed instances, then clear the change set. */
  settle(now: number): void {
    if (this.changed.size === 0) return;
    // A placement can make another instance feasible for an affinity constraint: repeat while that happens.
    let before = -1;
    while (this.pending.length > 0 && this.enablingPlacements !== before) {
      before = this.enablingPlacements;
      this.retryPending(now);
    }
    this.changed.clear();
  }

  /** A new PENDING task (not yet placed). */
  newTask(shape: number, source: number, group: number, now: number, duration: number): number {
    const id = this.tasks.add(shape, source, group, now, duration);
    // A burst submits millions of tasks in one event: memory is checked per tasks too (run-budget.ts).
    if ((++this.recorder.submitted & CHECK_MASK) === 0) checkMemory(this.budget, now);
    if (this.log)
      this.write({
        time: now,
        task: taskIdText(this.tasks.serial(id)),
        family: this.shapes[shape]!.family,
        state: "PENDING",
      });
    return id;
  }

  /** Tries to place a new task now; queues it (or fails it, standalone with pending: fail) otherwise. */
  submit(id: number, now: number): void {
    if (this.onFargate(id)) {
      this.fargate!.fargateLaunch(id, now);
      return;
    }
    let i: number;
    if (this.decisionTimes.timed(this.decisions++)) {
      const t0 = performance.now();
      i = this.choose(id, now);
      this.decisionTimes.record((performance.now() - t0) * 1000);
    } else {
      i = this.choose(id, now);
    }
    this.probe?.submitted?.(this.decision, i, this.cluster, this.lastPlacer.chain);
    if (i >= 0) {
      this.start(id, i, now);
    } else if (
      this.scenario.pending === "fail" &&
      this.tasks.service(id) === -1 &&
      !this.waitsForCapacity(id)
    ) {
      this.tasks.setState(id, TaskState.Stopped);
      this.recorder.placementFailed(this.lastPlacer.failureReason);
      if (this.log) {
        const shape = this.shapes[this.tasks.shape(id)]!;
        this.write({
          time: now,
          task: taskIdText(this.tasks.serial(id)),
          family: shape.family,
          state: "STOPPED",
          reason: this.lastPlacer.failureReason,
        });
      }
      this.tasks.free(id);
    } else {
      const shape = this.shapes[this.tasks.shape(id)]!;
      this.pending.push(id, this.tasks.placementClass(id), this.tasks.serial(id));
      this.recorder.taskQueued(shape);
      this.recorder.placementWaited(this.lastPlacer.failureReason);
      if (this.decision.constraints?.placementCanEnable) this.pendingEnablers++;
    }
  }

  /**
   * A task bound to a capacity provider with managed scaling waits for capacity (ECS keeps such tasks in
   * PROVISIONING while the group scales out) instead of failing under `pending: fail`.
   */
  private waitsForCapacity(id: number): boolean {
    const p = this.tasks.provider(id);
    return p >= 0 && this.scenario.dynamics.providers[p]!.managedScaling;
  }

  /** Places a task on a given instance (daemons), if it fits. */
  placeOn(id: number, i: number, now: number): boolean {
    if (this.cluster.misfit(this.shapes[this.tasks.shape(id)]!, i) !== 0) return false;
    const constraints = this.prepare(id, now).constraints;
    if (constraints && constraints.firstFailing(i) >= 0) return false;
    this.start(id, i, now);
    return true;
  }

  /** The placer of task `id`: its service's own (placementStrategy on the service), else the run's. */
  placerOf(id: number): Placer {
    if (this.servicePlacers.length === 0) return this.placer;
    const service = this.tasks.service(id);
    return (service >= 0 ? this.servicePlacers[service] : null) ?? this.placer;
  }

  private choose(id: number, now: number, changed = false): number {
    const d = this.prepare(id, now);
    const provider = this.tasks.provider(id);
    const placer = this.servicePlacers.length === 0 ? this.placer : this.placerOf(id);
    this.lastPlacer = placer;
    if (provider < 0) {
      return changed ? placer.choose(d, this.changed.list, this.changed.size) : placer.choose(d);
    }
    if (!changed) {
      const m = this.providers.members(provider);
      return placer.choose(d, m.list, m.count, true);
    }
    this.scratch = atLeast(this.scratch, this.changed.size);
    let n = 0;
    for (let c = 0; c < this.changed.size; c++) {
      const i = this.changed.list[c]!;
      if (this.providers.providerOf(i) === provider) this.scratch[n++] = i;
    }
    return n === 0 ? -1 : placer.choose(d, this.scratch, n, true);
  }

  /** The simulated time of the retry pass under way (read by retryOne). */
  private retryTime = 0;
  /** retryOne bound once: a closure made per pass cost an allocation per completion in a long queue. */
  private readonly retryOneBound = (id: number): boolean => this.retryOne(id);

  private retryPending(now: number): void {
    this.retryTime = now;
    this.pending.retain(this.retryOneBound);
  }

  /** Offers pending task `id` the changed instances; false when it still cannot be placed. */
  private retryOne(id: number): boolean {
    const now = this.retryTime;
    if (this.tasks.state(id) !== TaskState.Pending) return true;
    if (!this.fitsSomeChanged(id)) return false;
    const i = this.choose(id, now, true);
    if (i < 0) return false;
    this.recorder.taskDequeued(this.decision.placement);
    if (this.decision.constraints?.placementCanEnable) this.pendingEnablers--;
    this.start(id, i, now);
    return true;
  }

  /**
   * Whether task `id` fits, by resources, any instance the current event changed. The others were
   * infeasible for every pending task before the event and have not changed (simulate.ts, step 4), so when
   * none of these fits the placer would answer -1: a retry pass skips asking it (an indexed decision costs
   * a Decision load and a tree query; in an overloaded queue every completion retries the next task in
   * line, which no longer fits once the freed room went to the one before it). No draw and no reason is
   * taken on a failed retry either way.
   */
  private fitsSomeChanged(id: number): boolean {
    const shape = this.shapes[this.tasks.shape(id)]!;
    const list = this.changed.list;
    for (let c = 0; c < this.changed.size; c++)
      if (this.cluster.misfit(shape, list[c]!) === Misfit.None) return true;
    return false;
  }

  /**
   * Reserves instance i for the task (PROVISIONING); it turns RUNNING after its startup time, at once when
   * that is 0, or never when its launch fails.
   */
  start(id: number, i: number, now: number): void {
    const tasks = this.tasks;
    const shape = this.shapes[tasks.shape(id)]!;
    const slot = this.cluster.reserve(shape, i);
    // Only a GPU share takes a slot; add() left 0 ("none") for the rest, so that column stays untouched.
    if (slot >= 0) tasks.setGpuSlot(id, slot + 1);
    this.groups.add(tasks.group(id), i, 1);
    this.onInstance.add(id, i);
    tasks.setInstance(id, i);
    tasks.setState(id, TaskState.Provisioning);
    tasks.setStartedAt(id, now);
    if (this.pendingEnablers > 0) {
      this.markChanged(i);
      this.enablingPlacements++;
    }
    this.recorder.taskStarted(shape, i, now - tasks.submittedAt(id), tasks.submittedAt(id));
    if (!this.faults.launchFails(id, now)) {
      const startup = this.startup.delay(tasks, id);
      if (startup === 0) this.run(id, now);
      else this.push(now + startup, TASK_RUNNING, id);
    }
    if (this.log) this.logPlaced(id, now, tasks.state(id) === TaskState.Running ? "RUNNING" : "PROVISIONING");
  }

  /** TASK_RUNNING event: a PROVISIONING task whose startup time has passed turns RUNNING. */
  startupDone(id: number, now: number): void {
    if (this.tasks.state(id) !== TaskState.Provisioning) return;
    if (this.log) this.logPlaced(id, now, "RUNNING");
    this.run(id, now);
  }

  /** PROVISIONING -> RUNNING: the task's duration and crash times count from now. */
  private run(id: number, now: number): void {
    const tasks = this.tasks;
    tasks.setState(id, TaskState.Running);
    this.faults.running(id, now);
    const end = now + tasks.duration(id);
    // Linked through the task's record when it goes to a far bucket (task-table.ts, END_EVENT_LAYOUT).
    if (end <= this.horizon) this.queue.pushRecord(end, PRIORITY[TASK_END]!, TASK_END, id);
    if (tasks.service(id) >= 0 && !this.health.awaitsChecks(id, now)) this.serviceTaskHealthy(id, now);
  }

  /** Whether service task `id` is RUNNING but its health checks have not passed yet. */
  awaitsHealthChecks(id: number): boolean {
    return this.health.isWaiting(id);
  }

  /** A service task counts for its service: RUNNING, and its health checks passed if it has any. */
  serviceTaskHealthy(id: number, now: number): void {
    for (const l of this.serviceListeners) l.serviceTaskRunning(id, now);
  }

  private logPlaced(id: number, now: number, state: string): void {
    const i = this.tasks.instance(id);
    this.write({
      time: now,
      task: taskIdText(this.tasks.serial(id)),
      family: this.shapes[this.tasks.shape(id)]!.family,
      instance: this.cluster.ids[i],
      zone: this.cluster.zones[this.cluster.zoneOf[i]!],
      state,
    });
  }

  /**
   * Stops a placed task (releasing its reservation) or cancels a pending one, with a reason. Stale calls
   * for a task already stopped are ignored, so events need no cancellation.
   */
  stop(id: number, now: number, reason: StopReason): void {
    const tasks = this.tasks;
    const state = tasks.state(id);
    if (state === TaskState.Stopped) return;
    const shape = this.shapes[tasks.shape(id)]!;
    tasks.setState(id, TaskState.Stopped);
    const i = tasks.instance(id);
    if (state === TaskState.Pending) {
      // A Fargate task waiting for its capacity was never in the placement queue.
      if (this.onFargate(id)) this.recorder.cancelled++;
      else this.recorder.taskCancelled(shape);
      const c = tasks.placementClass(id);
      if (c >= 0 && this.classes.constraints[c]?.placementCanEnable) this.pendingEnablers--;
    } else {
      this.cluster.release(shape, i, shape.gpuMilli ? tasks.gpuSlot(id) - 1 : -1);
      this.groups.add(tasks.group(id), i, -1);
      this.onInstance.remove(id, i);
      this.recorder.taskStopped(shape, i, reason === StopReason.Completed);
      this.markChanged(i);
    }
    if (reason !== StopReason.Completed) this.dyn.stopped(STOP_REASON_TEXT[reason]!);
    // A daemon task ends with its instance by design: not counted as lost.
    const service = this.hasServices ? tasks.service(id) : -1;
    const daemon = service >= 0 && this.scenario.dynamics.services[service]!.daemon;
    if (isLoss(reason) && state !== TaskState.Pending && !daemon) {
      this.dyn.taskLost();
      this.recorder.lost++;
    }
    if (this.log) {
      this.write({
        time: now,
        task: taskIdText(this.tasks.serial(id)),
        family: shape.family,
        ...(state !== TaskState.Pending
          ? { instance: this.cluster.ids[i], zone: this.cluster.zones[this.cluster.zoneOf[i]!] }
          : {}),
        state: "STOPPED",
        reason: STOP_REASON_TEXT[reason]!,
      });
    }
    if (this.onFargate(id)) this.fargate!.fargateStopped(id, state === TaskState.Pending ? -1 : i, now);
    if (service >= 0) {
      // A task still waiting for its health checks never counted as running for its service.
      const counted = state === TaskState.Running && !this.health.isWaiting(id);
      this.health.forget(id);
      for (const l of this.serviceListeners) l.serviceTaskStopped(id, reason, counted, now);
    }
    this.tasks.free(id);
  }

  /** Whether the task's capacity provider is FARGATE or FARGATE_SPOT. */
  private onFargate(id: number): boolean {
    if (!this.hasFargate) return false;
    const p = this.tasks.provider(id);
    return p >= 0 && this.scenario.dynamics.providers[p]!.fargate === true;
  }
}
