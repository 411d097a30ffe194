/**
 * One run: a compiled scenario, one strategy, one seed.
 *
 *   1. build the cluster (instances in scenario order, zones round-robin within each group);
 *   2. schedule the first arrival of every workload source;
 *   3. pop events in (time, priority, seq) order until the horizon:
 *        TASK_END (priority 10) releases the task's reservation and marks its instance changed;
 *        ARRIVAL  (priority 20) submits tasks, draws their durations, tries to place them at once;
 *      completions come before arrivals at the same instant, so freed capacity is visible to them;
 *   4. after each event, if instances changed and tasks are pending (pending: queue), retry the pending
 *      tasks in FIFO order against the changed instances only: every other instance was already
 *      infeasible for each of them and has not changed since, so the result equals a full re-placement;
 *   5. close the recorder at the horizon and summarize.
 *
 * Randomness: arrivals and durations come from per-source streams, tie-breaks from their own stream, so
 * every strategy sees the same tasks at the same times with the same durations.
 */
import { compileDistribution, type Sampler } from "../core/distributions.ts";
import { EventQueue } from "../core/event-queue.ts";
import { Float64Buffer } from "../core/growable.ts";
import { createStream, type Rng } from "../core/random.ts";
import { summarize } from "../metrics/percentiles.ts";
import { Recorder } from "../metrics/recorder.ts";
import type { RunMetrics, RunSeries, RunTiming } from "../metrics/run-metrics.ts";
import { Cluster, type PlacementShape } from "../model/cluster.ts";
import { STOP_REASON_TEXT, StopReason, TaskState, TaskTable, taskIdText } from "../model/task-table.ts";
import { Placer } from "../placement/decide.ts";
import { createPlacementIndex } from "../placement/index/placement-index.ts";
import { compileChain } from "../placement/registry.ts";
import type { Decision } from "../placement/step.ts";
import { TaskGroups } from "../placement/task-groups.ts";
import type { CompiledScenario, StrategySpec, WorkloadSource } from "../scenario/compile.ts";
import type { EventLog } from "./event-log.ts";
import { PendingQueue } from "./pending-queue.ts";

const TASK_END = 1;
const ARRIVAL = 2;
const PRIORITY = { [TASK_END]: 10, [ARRIVAL]: 20 } as const;

export interface RunResult {
  seed: number;
  metrics: RunMetrics;
  series: RunSeries;
  timing: RunTiming;
  /** Placement delays of measured tasks, sorted (kept for pooled distributions; not serialized). */
  delays: Float64Array;
}

export interface RunOptions {
  log?: EventLog;
  /** Decide by scanning every instance even where a placement index applies (tests, benchmarks). */
  scanOnly?: boolean;
}

interface SourceState {
  spec: WorkloadSource;
  group: number;
  arrivals: Rng;
  durations: Rng;
  sampleDuration: Sampler;
  ratePerSecond: number;
  arrivalsSoFar: number;
}

export function simulate(
  scenario: CompiledScenario,
  strategy: StrategySpec,
  seed: number,
  options: RunOptions = {},
): RunResult {
  const wallStart = performance.now();
  const log = options.log;
  const cluster = new Cluster(scenario.portUniverse, scenario.awsvpcTrunking);
  const groups = new TaskGroups(cluster);
  const shapes: PlacementShape[] = scenario.shapes.map((s, i) => cluster.resolveShape(s, i));
  const tieBreak = createStream(seed, "tie-break");
  const placer = new Placer(
    cluster,
    compileChain(strategy.placementStrategy, { cluster, groups }),
    tieBreak,
    options.scanOnly
      ? undefined
      : createPlacementIndex(strategy.placementStrategy, { cluster, groups }, shapes, tieBreak),
  );
  const recorder = new Recorder(cluster, shapes, scenario.warmup, scenario.horizon, scenario.sampleEvery);
  const tasks = new TaskTable();
  const queue = new EventQueue(4096);
  const pending = new PendingQueue();
  const decisionTimes = new Float64Buffer(4096);
  const horizon = scenario.horizon;

  // 1. The cluster.
  scenario.instanceGroups.forEach((g) => {
    const typeIndex = scenario.instanceTypes.indexOf(g.type);
    for (let k = 0; k < g.count; k++) {
      const zone = g.zones[k % g.zones.length]!;
      const i = cluster.addInstance(g.type, typeIndex, zone, g.attributes, 0);
      groups.instanceAdded(i);
      recorder.instanceAdded(i, g.type.pricePerHour);
      log?.write(strategy.name, seed, {
        time: 0,
        instance: cluster.ids[i],
        zone,
        state: "ACTIVE",
        reason: "registered",
      });
    }
  });

  // 2. Workload sources.
  const sources: SourceState[] = scenario.sources.map((spec, k) => ({
    spec,
    group: groups.id(spec.group),
    arrivals: createStream(seed, `arrivals/${k}`),
    durations: createStream(seed, `durations/${k}`),
    sampleDuration: compileDistribution(spec.duration),
    ratePerSecond: poissonRate(spec),
    arrivalsSoFar: 0,
  }));
  sources.forEach((s, k) => scheduleNextArrival(s, k, 0));

  function scheduleNextArrival(s: SourceState, k: number, now: number): void {
    const a = s.spec.arrival;
    let t: number;
    if (a.type === "poisson") t = now - Math.log(1 - s.arrivals()) / s.ratePerSecond;
    else if (a.type === "interval") t = (a.start ?? 0) + s.arrivalsSoFar * a.every;
    else t = s.arrivalsSoFar === 0 ? a.at : Number.POSITIVE_INFINITY;
    s.arrivalsSoFar++;
    if (t <= horizon) queue.push(t, PRIORITY[ARRIVAL], ARRIVAL, k);
  }

  const decision: Decision = { shape: shapes[0]!, group: 0 };
  let changedList = new Int32Array(16);
  let changedCount = 0;
  let changedMark = new Uint8Array(16);

  function markChanged(i: number): void {
    if (changedMark.length <= i) {
      const m = new Uint8Array(Math.max(changedMark.length * 2, i + 1));
      m.set(changedMark);
      changedMark = m;
      const l = new Int32Array(m.length);
      l.set(changedList);
      changedList = l;
    }
    if (changedMark[i] === 1) return;
    changedMark[i] = 1;
    changedList[changedCount++] = i;
  }

  function start(id: number, i: number, now: number): void {
    const shape = shapes[tasks.shape[id]!]!;
    cluster.reserve(shape, i);
    groups.add(tasks.group[id]!, i, 1);
    tasks.instance[id] = i;
    tasks.state[id] = TaskState.Running;
    tasks.startedAt[id] = now;
    recorder.taskStarted(shape, i, now - tasks.submittedAt[id]!, tasks.submittedAt[id]!);
    const end = now + tasks.duration[id]!;
    if (end <= horizon) queue.push(end, PRIORITY[TASK_END], TASK_END, id);
    log?.write(strategy.name, seed, {
      time: now,
      task: taskIdText(id),
      family: shape.family,
      instance: cluster.ids[i],
      zone: cluster.zones[cluster.zoneOf[i]!],
      state: "RUNNING",
    });
  }

  function stop(id: number, now: number): void {
    const i = tasks.instance[id]!;
    const shape = shapes[tasks.shape[id]!]!;
    cluster.release(shape, i);
    groups.add(tasks.group[id]!, i, -1);
    tasks.state[id] = TaskState.Stopped;
    recorder.taskStopped(shape, i);
    markChanged(i);
    log?.write(strategy.name, seed, {
      time: now,
      task: taskIdText(id),
      family: shape.family,
      instance: cluster.ids[i],
      zone: cluster.zones[cluster.zoneOf[i]!],
      state: "STOPPED",
      reason: STOP_REASON_TEXT[StopReason.Completed],
    });
  }

  function submit(k: number, now: number): void {
    const s = sources[k]!;
    const id = tasks.add(s.spec.shape, k, s.group, now, s.sampleDuration(s.durations));
    recorder.submitted++;
    const shape = shapes[s.spec.shape]!;
    log?.write(strategy.name, seed, {
      time: now,
      task: taskIdText(id),
      family: shape.family,
      state: "PENDING",
    });
    decision.shape = shape;
    decision.group = s.group;
    const t0 = performance.now();
    const i = placer.choose(decision);
    decisionTimes.push((performance.now() - t0) * 1000);
    if (i >= 0) {
      start(id, i, now);
    } else if (scenario.pending === "fail") {
      tasks.state[id] = TaskState.Stopped;
      recorder.placementFailed(placer.failureReason);
      log?.write(strategy.name, seed, {
        time: now,
        task: taskIdText(id),
        family: shape.family,
        state: "STOPPED",
        reason: placer.failureReason,
      });
    } else {
      pending.push(id);
      recorder.pending++;
    }
  }

  // One closure for every retry pass (not one per pass): the pass's time lives in retryTime.
  // Within a pass, a (shape, group) that found no instance is not tried again: placements during the pass
  // only take capacity away, and a failed decision draws nothing, so the outcome is the same, only faster.
  // This holds while feasibility only shrinks as tasks are placed (resources, ports, distinctInstance); a
  // constraint that a placement can make true (e.g. memberOf runningTasksCount == 1) must bypass it.
  let retryTime = 0;
  let retryPass = 0;
  let failedInPass = new Int32Array(16);
  const tryPending = (id: number): boolean => {
    const shape = tasks.shape[id]!;
    const group = tasks.group[id]!;
    const key = group * shapes.length + shape;
    if (key >= failedInPass.length) {
      const grown = new Int32Array(Math.max(key + 1, failedInPass.length * 2));
      grown.set(failedInPass);
      failedInPass = grown;
    }
    if (failedInPass[key] === retryPass) return false;
    decision.shape = shapes[shape]!;
    decision.group = group;
    const i = placer.choose(decision, changedList, changedCount);
    if (i < 0) {
      failedInPass[key] = retryPass;
      return false;
    }
    recorder.pending--;
    start(id, i, retryTime);
    return true;
  };

  function retryPending(now: number): void {
    retryTime = now;
    retryPass++;
    pending.retain(tryPending);
  }

  // 3. The event loop.
  let events = 0;
  while (queue.pop()) {
    const now = queue.time;
    if (now > horizon) break;
    events++;
    recorder.advance(now);
    if (queue.kind === TASK_END) {
      stop(queue.arg, now);
    } else {
      const k = queue.arg;
      const s = sources[k]!;
      const n = s.spec.arrival.type === "burst" ? s.spec.arrival.count : 1;
      for (let c = 0; c < n; c++) submit(k, now);
      scheduleNextArrival(s, k, now);
    }
    if (changedCount > 0) {
      if (pending.length > 0) retryPending(now);
      for (let c = 0; c < changedCount; c++) changedMark[changedList[c]!] = 0;
      changedCount = 0;
    }
  }

  // 5. Close.
  recorder.finish();
  const metrics = recorder.metrics();
  const delays = recorder.sortedDelays();
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const decisions = decisionTimes.toArray();
  const dt = summarize(decisions);
  return {
    seed,
    metrics,
    series: recorder.series,
    timing: {
      decisionTimeUs: { mean: dt.mean, p50: dt.p50, p99: dt.p99 },
      decisions: decisions.length,
      events,
      wallSeconds,
      eventsPerSecond: wallSeconds > 0 ? events / wallSeconds : 0,
    },
    delays,
  };
}

function poissonRate(spec: WorkloadSource): number {
  const a = spec.arrival;
  if (a.type !== "poisson") return 0;
  if (a.ratePerSecond !== undefined) return a.ratePerSecond;
  if (a.ratePerMinute !== undefined) return a.ratePerMinute / 60;
  return a.ratePerHour! / 3600;
}
