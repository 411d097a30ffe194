/**
 * What dynamics add to a run's results (docs/dynamics.md): failure and loss counts, stop reasons, scale
 * events, service availability, and series of instances per group, instances launching, the
 * CapacityProviderReservation metric per provider and running tasks per service.
 *
 * The engine modules report what happens through its methods (taskLost, instanceAdded, scaled,
 * deploymentStarted...); series are sampled from the current state on the same grid as the main recorder:
 * every sampleEvery seconds from 0, taken when the clock first moves past the sample time, so a sample at
 * t shows the state after every event at t.
 */
export interface ServiceAvailability {
  /** Fraction of the measured window with RUNNING tasks >= desiredCount (1 when never below). */
  availability: number;
  secondsBelowDesired: number;
  /**
   * Launches that replaced a stopped, failed, lost, drained or outdated task: launches beyond the peak
   * desiredCount (replica), or beyond one per instance served (daemon).
   */
  replacements: number;
  /** 1 when a rolling deployment could not make progress (e.g. 100/100) and was still stuck at the end. */
  deploymentStalled: number;
  /**
   * Time-weighted mean, over the measured window, of the most minus the fewest RUNNING tasks per zone
   * (zones with an ACTIVE instance); 0 or 1 is balanced.
   */
  zoneImbalance: number;
  /** Tasks started (or stopped first) by AZ rebalancing. */
  rebalanceMoves: number;
  /**
   * Time integral over the measured window of max(0, desiredCount - RUNNING): the task-seconds the service
   * ran short, the disruption moves, deployments and losses cost (a stop-first move costs one startup time).
   */
  taskSecondsBelowDesired: number;
  /**
   * DAEMON: times its task did not fit an ACTIVE instance when due (each instance counted once until the
   * daemon lands there or the instance leaves); 0 for REPLICA services.
   */
  daemonUnplaced: number;
}

export interface DynamicsMetrics {
  tasksLost: number;
  containerFailures: number;
  nonEssentialContainerFailures: number;
  startFailures: number;
  instancesLost: number;
  spotInterruptions: number;
  instancesLaunched: number;
  instancesTerminated: number;
  scaleOutEvents: number;
  scaleInEvents: number;
  /** Instances a strategy's rebalancer vacated, and the service tasks it moved off them. */
  instancesVacated: number;
  tasksMoved: number;
  /** Task moves a rebalance hook or az-balance asked for that could not be made, and why (keys sorted). */
  movesRejected: number;
  moveRejections: Record<string, number>;
  /** EC2 rebalance recommendations received, and replacements Capacity Rebalancing launched for them. */
  rebalanceRecommendations: number;
  capacityRebalances: number;
  /** Tasks stopped for any reason other than completing, by ECS-style stop reason, keys sorted. */
  stopReasons: Record<string, number>;
  services: Record<string, ServiceAvailability>;
}

export interface ScaleEvent {
  time: number;
  group: string;
  provider: string | null;
  direction: "out" | "in";
  from: number;
  to: number;
  cause: "managed" | "scheduled" | "rebalance";
}

export interface DeploymentRecord {
  service: string;
  startedAt: number;
  /** When every task ran the new task definition, or null if it never finished. */
  completedAt: number | null;
  /** When the deployment was found unable to progress, or null. */
  stalledAt: number | null;
  /** When the deployment circuit breaker failed it (present only then). */
  failedAt?: number;
  /** Present (true) when the deployment is the circuit breaker's rollback to the last completed one. */
  rollback?: boolean;
}

export interface DynamicsSeries {
  t: number[];
  /** Instances per group (launching, active and draining), keyed by group name. */
  instancesByGroup: Record<string, number[]>;
  /** The capacity provider each group backs (null for a plain group), for labelling by provider. */
  groupProvider: Record<string, string | null>;
  launching: number[];
  /** CapacityProviderReservation (percent) per managed provider: the latest datapoint at each sample. */
  reservation: Record<string, number[]>;
  /** targetCapacity per managed provider (the level the reservation is steered to). */
  reservationTarget: Record<string, number>;
  /** RUNNING tasks per service. */
  servicesRunning: Record<string, number[]>;
  /**
   * Per REPLICA service, the most and the fewest of its RUNNING tasks in one zone, over the zones with an
   * ACTIVE instance (zone balance over time; equal with a single zone).
   */
  zoneTasksMax: Record<string, number[]>;
  zoneTasksMin: Record<string, number[]>;
  scaleEvents: ScaleEvent[];
  deployments: DeploymentRecord[];
}

export class DynamicsRecorder {
  private readonly state: {
    groupInstances: Int32Array;
    launching: number;
    reservation: Float64Array;
    serviceRunning: Int32Array;
    zoneMax: Int32Array;
    zoneMin: Int32Array;
  };
  private tasksLost = 0;
  private containerFailures = 0;
  private nonEssentialContainerFailures = 0;
  private startFailures = 0;
  private instancesLost = 0;
  private spotInterruptions = 0;
  private instancesLaunched = 0;
  private instancesTerminated = 0;
  private instancesVacated = 0;
  private tasksMoved = 0;
  private readonly moveRejections = new Map<string, number>();
  private rebalanceRecommendations = 0;
  private capacityRebalances = 0;
  private readonly stopReasons = new Map<string, number>();
  private readonly scaleEvents: ScaleEvent[] = [];
  private readonly deployments: DeploymentRecord[] = [];
  private readonly series: DynamicsSeries;
  private sampleIndex = 0;
  private nextSample = 0;

  constructor(
    groupProviders: (string | null)[],
    private readonly groupNames: string[],
    private readonly providerNames: string[],
    providerTargets: number[],
    private readonly serviceNames: string[],
    private readonly horizon: number,
    private readonly sampleEvery: number,
    /** The REPLICA services (zone balance is sampled for them), a subset of serviceNames. */
    replicaNames: string[] = [],
  ) {
    this.state = {
      groupInstances: new Int32Array(groupNames.length),
      launching: 0,
      reservation: new Float64Array(providerNames.length).fill(100),
      serviceRunning: new Int32Array(serviceNames.length),
      zoneMax: new Int32Array(serviceNames.length),
      zoneMin: new Int32Array(serviceNames.length),
    };
    const keyed = (names: string[]) => Object.fromEntries(names.map((n) => [n, [] as number[]]));
    this.series = {
      t: [],
      instancesByGroup: keyed(groupNames),
      groupProvider: Object.fromEntries(groupNames.map((g, k) => [g, groupProviders[k] ?? null])),
      launching: [],
      reservation: keyed(providerNames),
      reservationTarget: Object.fromEntries(providerNames.map((p, k) => [p, providerTargets[k] ?? 100])),
      servicesRunning: keyed(serviceNames),
      zoneTasksMax: keyed(replicaNames),
      zoneTasksMin: keyed(replicaNames),
      scaleEvents: this.scaleEvents,
      deployments: this.deployments,
    };
  }

  /** A task stopped for a reason other than completing (ECS stop reason text). */
  stopped(reason: string): void {
    this.stopReasons.set(reason, (this.stopReasons.get(reason) ?? 0) + 1);
  }

  /** A placed task was lost with its instance (or stopped by a failure that counts as a loss). */
  taskLost(): void {
    this.tasksLost++;
  }

  /** A task failed: before RUNNING (a start failure), or an essential container crashed. */
  taskFailed(beforeRunning: boolean): void {
    if (beforeRunning) this.startFailures++;
    else this.containerFailures++;
  }

  /** A non-essential container crashed; its task runs on. */
  nonEssentialContainerFailed(): void {
    this.nonEssentialContainerFailures++;
  }

  /** An instance of group g was registered; `launched`: during the run (not the starting cluster). */
  instanceAdded(g: number, launched: boolean): void {
    this.state.groupInstances[g]!++;
    if (launched) this.instancesLaunched++;
  }

  /** An instance of group g is gone: terminated by scale-in, or lost (failure, outage, spot reclaim). */
  instanceRemoved(g: number, terminated: boolean): void {
    this.state.groupInstances[g]!--;
    if (terminated) this.instancesTerminated++;
    else this.instancesLost++;
  }

  /** An instance entered (+1) or left (-1) LAUNCHING. */
  launching(delta: 1 | -1): void {
    this.state.launching += delta;
  }

  spotInterruption(): void {
    this.spotInterruptions++;
  }

  /** A strategy's rebalancer vacated an instance holding `tasks` service tasks to move. */
  vacated(tasks: number): void {
    this.instancesVacated++;
    this.tasksMoved += tasks;
  }

  /** A task move started (its replacement launched, or the task stopped first). */
  moved(): void {
    this.tasksMoved++;
  }

  /** An EC2 rebalance recommendation reached a spot instance. */
  rebalanceRecommended(): void {
    this.rebalanceRecommendations++;
  }

  /** Capacity Rebalancing launched a replacement for an at-risk instance. */
  capacityRebalanced(): void {
    this.capacityRebalances++;
  }

  /** A task move could not be made. */
  moveRejected(reason: string): void {
    this.moveRejections.set(reason, (this.moveRejections.get(reason) ?? 0) + 1);
  }

  scaled(event: ScaleEvent): void {
    this.scaleEvents.push(event);
  }

  /** A rolling deployment started; the returned record is updated in place as it completes or stalls. */
  deploymentStarted(service: string, startedAt: number): DeploymentRecord {
    const record: DeploymentRecord = { service, startedAt, completedAt: null, stalledAt: null };
    this.deployments.push(record);
    return record;
  }

  /** RUNNING tasks of service k now. */
  serviceRunning(k: number, running: number): void {
    this.state.serviceRunning[k] = running;
  }

  /** The most and fewest RUNNING tasks of service k in one zone now. */
  serviceZones(k: number, most: number, fewest: number): void {
    this.state.zoneMax[k] = most;
    this.state.zoneMin[k] = fewest;
  }

  /** The latest CapacityProviderReservation datapoint of managed provider k. */
  reservation(k: number, percent: number): void {
    this.state.reservation[k] = percent;
  }

  advance(t: number): void {
    while (this.nextSample < t && this.nextSample <= this.horizon) {
      this.sample(this.nextSample);
      this.nextSample = ++this.sampleIndex * this.sampleEvery;
    }
  }

  finish(): void {
    this.advance(this.horizon);
    if (this.nextSample <= this.horizon) this.sample(this.nextSample);
  }

  metrics(services: Record<string, ServiceAvailability>): DynamicsMetrics {
    return {
      tasksLost: this.tasksLost,
      containerFailures: this.containerFailures,
      nonEssentialContainerFailures: this.nonEssentialContainerFailures,
      startFailures: this.startFailures,
      instancesLost: this.instancesLost,
      spotInterruptions: this.spotInterruptions,
      instancesLaunched: this.instancesLaunched,
      instancesTerminated: this.instancesTerminated,
      scaleOutEvents: this.scaleEvents.filter((e) => e.direction === "out").length,
      scaleInEvents: this.scaleEvents.filter((e) => e.direction === "in").length,
      instancesVacated: this.instancesVacated,
      tasksMoved: this.tasksMoved,
      movesRejected: [...this.moveRejections.values()].reduce((a, b) => a + b, 0),
      moveRejections: sortedRecord(this.moveRejections),
      rebalanceRecommendations: this.rebalanceRecommendations,
      capacityRebalances: this.capacityRebalances,
      stopReasons: sortedRecord(this.stopReasons),
      services,
    };
  }

  seriesResult(): DynamicsSeries {
    return this.series;
  }

  private sample(t: number): void {
    const s = this.series;
    const st = this.state;
    s.t.push(t);
    this.groupNames.forEach((g, k) => s.instancesByGroup[g]!.push(st.groupInstances[k]!));
    s.launching.push(st.launching);
    this.providerNames.forEach((p, k) => s.reservation[p]!.push(st.reservation[k]!));
    this.serviceNames.forEach((n, k) => {
      s.servicesRunning[n]!.push(st.serviceRunning[k]!);
      s.zoneTasksMax[n]?.push(st.zoneMax[k]!);
      s.zoneTasksMin[n]?.push(st.zoneMin[k]!);
    });
  }
}

/** A counter map (keys are berth's own reason texts) as a record with sorted keys. */
function sortedRecord(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
}
