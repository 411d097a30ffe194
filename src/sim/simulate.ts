/**
 * One run: a compiled scenario, one strategy, one seed. This file builds the run's modules and runs the
 * event loop; each concern lives in its own module, which registers the handlers of its own event kinds
 * (dispatch.ts; the kinds with their same-instant order are listed in events.ts).
 *
 *   1. build the cluster: every instance group's starting instances, ACTIVE at 0 (instance-lifecycle.ts);
 *   2. start services (daemons first, services.ts), schedule the first arrival of every workload source
 *      (workload.ts), the timeline of scheduled actions (timeline.ts) and the managed-scaling datapoints
 *      (autoscaling.ts);
 *   3. pop events in (time, priority, seq) order until the horizon and hand each to its module;
 *   4. after each event, if instances changed and tasks are pending, retry the pending tasks in FIFO order
 *      against the changed instances only (engine.ts): every other instance was already infeasible for
 *      each of them and has not changed since, so the result equals a full re-placement. Instances only
 *      become feasible by changing (a release, or turning ACTIVE), which marks them;
 *   5. close the recorders at the horizon and summarize.
 *
 * Randomness: arrivals and durations come from per-source streams, tie-breaks from their own stream,
 * faults from per-concern streams or identity-keyed draws, so every strategy sees the same workload and
 * the same faults (docs/dynamics.md lists every stream).
 */
import { EventQueue } from "../core/event-queue.ts";
import { createStream } from "../core/random.ts";
import type { DelaySample } from "../metrics/delay-sample.ts";
import { DynamicsRecorder, type DynamicsSeries } from "../metrics/dynamics-recorder.ts";
import type { PackingHeatmap } from "../metrics/packing-grid.ts";
import { summarize } from "../metrics/percentiles.ts";
import { Recorder } from "../metrics/recorder.ts";
import type { RunMetrics, RunSeries, RunTiming } from "../metrics/run-metrics.ts";
import { Cluster, type PlacementShape } from "../model/cluster.ts";
import { END_EVENT_LAYOUT, TaskState, TaskTable } from "../model/task-table.ts";
import { ClusterView } from "../placement/cluster-view.ts";
import { createDecisionIndex } from "../placement/index/create-index.ts";
import { Placer } from "../placement/placer.ts";
import type { RebalanceView } from "../placement/rebalance-api.ts";
import { type CompiledChain, compileChain } from "../placement/registry.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import { TaskGroups } from "../placement/task-groups.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import { taskMixOf } from "../scenario/task-mix.ts";
import { ManagedScaling } from "./autoscaling.ts";
import { azBalance } from "./az-balance.ts";
import { CapacityRebalance } from "./capacity-rebalance.ts";
import { Dispatch } from "./dispatch.ts";
import { Engine, type RunProbe } from "./engine.ts";
import type { EventLog } from "./event-log.ts";
import { PRIORITY, TASK_END } from "./events.ts";
import { InstanceFaults } from "./instance-faults.ts";
import { Fleets } from "./instance-lifecycle.ts";
import { type PackingOption, packingRecorder, packingResult } from "./packing-heatmap.ts";
import { PendingQueue } from "./pending-queue.ts";
import { ProviderMembers } from "./provider-members.ts";
import { Rebalancer } from "./rebalancer.ts";
import { CHECK_MASK, checkRunBudget, DEFAULT_RUN_BUDGET, type RunBudget } from "./run-budget.ts";
import type { RunContext } from "./run-context.ts";
import { servicePlacers } from "./service-placers.ts";
import { Services } from "./services.ts";
import { scansByDefault } from "./small-cluster.ts";
import { DEFAULT_MAX_MOVES, DEFAULT_REBALANCE_EVERY, TaskMoves } from "./task-moves.ts";
import { Timeline } from "./timeline.ts";
import { CLOCK_SEED, CLOCK_TIME, watchClock } from "./watch-clock.ts";
import { Workload } from "./workload.ts";

export interface RunResult {
  seed: number;
  metrics: RunMetrics;
  series: RunSeries;
  timing: RunTiming;
  /** Placement delays of measured tasks (kept for pooled distributions; not serialized). */
  delays: DelaySample;
  /** Series and events of dynamics; present when the scenario uses services, failures or scaling. */
  dynamics?: DynamicsSeries;
  /** Per-instance reserved share over time, downsampled; only when RunOptions.packing asks for it. */
  packing?: PackingHeatmap;
}

export type { RunProbe } from "./engine.ts";

export interface RunOptions {
  log?: EventLog;
  /** Inspection hooks for `berth explain` / `berth diff`; a normal run passes none and pays nothing. */
  probe?: RunProbe;
  /** Decide by scanning every instance even where a placement index applies (tests, benchmarks). */
  scanOnly?: boolean;
  /**
   * Use the placement index wherever one applies, also on a small fixed cluster that is scanned by
   * default (small-cluster.ts; tests comparing the index with the scan).
   */
  alwaysIndex?: boolean;
  /** Event and heap ceilings checked during the run (default: heap only). */
  budget?: RunBudget;
  /**
   * When given, clock[0] holds the simulated time of the event being handled and clock[2] the seed (a
   * strategy watchdog reads them); default: the clock installed for the thread (watch-clock.ts), if any.
   */
  clock?: Float64Array;
  /**
   * Pending events above which the event queue uses its far time buckets (default 4,096; tests pass 1
   * to put every event through them and compare with the plain heap).
   */
  eventQueueSpillAt?: number;
  /** Called every 4,096 events with the simulated time reached and the events so far (progress display). */
  onProgress?: (simulated: number, events: number) => void;
  /** Record the packing heatmap (packing-heatmap.ts); a run without it builds nothing and pays nothing. */
  packing?: PackingOption;
}

export function simulate(
  scenario: CompiledScenario,
  strategy: StrategySpec,
  seed: number,
  options: RunOptions = {},
): RunResult {
  const wallStart = performance.now();
  const clock = options.clock ?? watchClock();
  if (clock !== undefined) {
    clock[CLOCK_SEED] = seed;
    clock[CLOCK_TIME] = 0;
  }
  if (strategy.providerStrategy) scenario = withStrategyProviders(scenario, strategy.providerStrategy);
  const d = scenario.dynamics;
  const cluster = new Cluster(scenario.portUniverse, scenario.awsvpcTrunking);
  const groups = new TaskGroups(cluster);
  const shapes: PlacementShape[] = scenario.shapes.map((s, i) => cluster.resolveShape(s, i));
  const chain = compileChain(strategy.placementStrategy, {
    view: new ClusterView(cluster, groups),
    groups,
    seed,
    taskMix: taskMixOf(scenario),
    ...(strategy.modules ? { modules: strategy.modules } : {}),
  });
  const tieBreak = createStream(seed, "tie-break");
  const scan = options.scanOnly === true || (options.alwaysIndex !== true && scansByDefault(scenario));
  const index = scan ? undefined : createDecisionIndex(chain, { cluster, groups }, shapes, tieBreak);
  const placer = new Placer(cluster, chain, tieBreak, strategy.name, index);
  const recorder = new Recorder(cluster, shapes, scenario.warmup, scenario.horizon, scenario.sampleEvery);
  const dyn = new DynamicsRecorder(
    d.groups.map((g) => (g.provider >= 0 ? d.providers[g.provider]!.name : null)),
    d.groups.map((g) => g.name),
    d.providers.filter((p) => p.managedScaling).map((p) => p.name),
    d.providers.filter((p) => p.managedScaling).map((p) => p.targetCapacity),
    d.services.map((s) => s.name),
    scenario.horizon,
    scenario.sampleEvery,
    d.services.filter((s) => !s.daemon).map((s) => s.name),
  );
  const queue = new EventQueue(4096, options.eventQueueSpillAt);
  const taskTable = new TaskTable();
  // Task ends are linked through their tasks' records (one cache miss per task end, event-queue.ts).
  queue.useRecords(taskTable, END_EVENT_LAYOUT, TASK_END, PRIORITY[TASK_END]!);
  const heat = packingRecorder(options.packing, cluster, queue, scenario.horizon);
  const run: RunContext = {
    scenario,
    strategy,
    seed,
    cluster,
    groups,
    shapes,
    placer,
    servicePlacers: servicePlacers(scenario, seed, { cluster, groups, shapes }, options.scanOnly === true),
    recorder,
    dyn,
    tasks: taskTable,
    queue,
    pending: new PendingQueue(),
    providers: new ProviderMembers(d.providers.length),
    log: options.log,
    events: new Dispatch(),
  };
  const probe = options.probe;
  const engine = new Engine(run, probe);
  const budget = options.budget ?? DEFAULT_RUN_BUDGET;
  engine.budget = budget;
  const fleets = new Fleets(engine);
  const instanceFaults = new InstanceFaults(engine, fleets);
  if (d.spotInterruptions.some((f) => f.rebalanceRecommendation !== undefined))
    instanceFaults.capacity = new CapacityRebalance(engine, fleets);
  const spec = strategy.rebalance;
  const rebalancer = spec?.rebalancer === "drain-emptiest" ? new Rebalancer(engine, fleets, spec) : undefined;
  const services = new Services(engine, fleets, rebalancer);
  const moves = taskMoves(engine, services, spec, chain);
  const workload = new Workload(engine);
  const scaling = new ManagedScaling(engine, fleets);
  const tasks = engine.tasks;
  let inspected = probe?.pendingAt === undefined;
  /** explain --at: every pending task as it stands at that instant. */
  function inspectPending(at: number): void {
    inspected = true;
    engine.pending.forEach((id) => {
      if (tasks.state(id) === TaskState.Pending)
        probe!.pendingAt!.inspect(engine.prepare(id, at), cluster, engine.placerOf(id).chain);
    });
  }

  // 1-2. The cluster, services, sources, timeline, scaling.
  fleets.begin();
  engine.settle(0);
  services.begin();
  workload.begin();
  const timeline = new Timeline(engine);
  instanceFaults.scheduled(timeline);
  fleets.scheduled(timeline);
  services.scheduled(timeline);
  scaling.begin();
  rebalancer?.begin();
  moves?.begin();
  engine.settle(0);

  // 3-4. The event loop.
  let events = 0;
  while (queue.pop()) {
    const now = queue.time;
    if (now > scenario.horizon) break;
    if (!inspected && now > probe!.pendingAt!.at) inspectPending(probe!.pendingAt!.at);
    events++;
    if ((events & CHECK_MASK) === 0) checkRunBudget(budget, events, now);
    if (clock !== undefined) clock[0] = now;
    if ((events & 0xfff) === 0) options.onProgress?.(now, events);
    recorder.advance(now);
    dyn.advance(now);
    run.events.run(queue.kind, queue.arg, now);
    engine.settle(now);
    probe?.afterEvent?.(now, engine.pending.length, recorder.instancesInUseNow);
  }

  if (!inspected) inspectPending(Math.min(probe!.pendingAt!.at, scenario.horizon));
  // 5. Close.
  recorder.finish();
  dyn.finish();
  const serviceResults = services.finish();
  const base = recorder.metrics();
  const metrics: RunMetrics = d.active ? { ...base, dynamics: dyn.metrics(serviceResults) } : base;
  const delays = recorder.delaySample();
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const decisions = engine.decisionTimes.toArray();
  const dt = summarize(decisions);
  return {
    seed,
    metrics,
    series: recorder.series,
    timing: {
      decisionTimeUs: { mean: dt.mean, p50: dt.p50, p99: dt.p99 },
      decisions: engine.decisions,
      events,
      wallSeconds,
      eventsPerSecond: wallSeconds > 0 ? events / wallSeconds : 0,
      taskSlots: tasks.count,
    },
    delays,
    ...(d.active ? { dynamics: dyn.seriesResult() } : {}),
    ...(heat
      ? {
          packing: packingResult(
            heat,
            options.packing,
            seed,
            cluster,
            fleets,
            d.groups.map((g) => g.name),
          ),
        }
      : {}),
  };
}

/**
 * The task-moving rebalancer of the run, if any: az-balance, or the rebalance hook of the chain's strategy
 * file (named by `rebalance: { rebalancer: strategy-file }`, or run every DEFAULT_REBALANCE_EVERY when the
 * strategy sets no rebalancer).
 */
function taskMoves(
  engine: Engine,
  services: Services,
  spec: StrategySpec["rebalance"],
  chain: CompiledChain,
): TaskMoves | undefined {
  const maxMoves = spec?.maxMoves ?? DEFAULT_MAX_MOVES;
  if (spec?.rebalancer === "az-balance") {
    const source = { name: "az-balance", user: false, propose: (v: RebalanceView) => azBalance(v, maxMoves) };
    return new TaskMoves(engine, services, source, spec.every, maxMoves);
  }
  const hook = chain.rebalance;
  if (hook === null || (spec !== undefined && spec.rebalancer !== "strategy-file")) return undefined;
  const source = { name: hook.name, user: true, propose: hook.run };
  return new TaskMoves(engine, services, source, spec?.every ?? DEFAULT_REBALANCE_EVERY, maxMoves);
}

/**
 * The scenario as one strategy runs it when the strategy names its own capacity provider strategy: every
 * workload source and service that uses the scenario's default takes the strategy's instead.
 */
function withStrategyProviders(
  scenario: CompiledScenario,
  shares: NonNullable<StrategySpec["providerStrategy"]>,
): CompiledScenario {
  return {
    ...scenario,
    sources: scenario.sources.map((s) => (s.usesDefaultProviders ? { ...s, providerStrategy: shares } : s)),
    dynamics: {
      ...scenario.dynamics,
      services: scenario.dynamics.services.map((s) =>
        s.usesDefaultProviders ? { ...s, providerStrategy: shares } : s,
      ),
    },
  };
}
