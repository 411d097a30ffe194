/**
 * Placement decision cost on synthetic clusters (used by `berth bench` and bench/run.ts).
 *
 * A synthetic cluster is `instances` copies of one instance type in three zones (round-robin, so spread over
 * availability zones has zones to balance), filled with tasks of the given shapes
 * (chosen round-robin, each on a random instance it fits, from a fixed seed) until the reserved share of
 * memory or CPU reaches `occupancy`. One measured iteration is what the simulator does per arrival and
 * completion: choose an instance for the next shape, reserve it, then release it, so the cluster stays at
 * the same occupancy and the cost of keeping a placement index current is included. A tinybench iteration
 * runs BATCH such decisions (one is shorter than the timer's resolution); figures are per decision.
 */
import { Bench } from "tinybench";
import { createStream } from "../core/random.ts";
import { Cluster, Misfit, type PlacementShape } from "../model/cluster.ts";
import type { InstanceType } from "../model/instance-types.ts";
import type { TaskShape } from "../model/task-definition.ts";
import { ClusterView } from "../placement/cluster-view.ts";
import { createDecisionIndex, isIndexable } from "../placement/index/create-index.ts";
import { Placer } from "../placement/placer.ts";
import { compileChain } from "../placement/registry.ts";
import type { ShapeShare } from "../placement/strategy.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import { TaskGroups } from "../placement/task-groups.ts";
import { Decision } from "../placement/task-view.ts";

/** Decisions per tinybench iteration. */
export const BATCH = 64;

const ZONES = ["bench-a", "bench-b", "bench-c"];

export interface SyntheticClusterSpec {
  instances: number;
  occupancy: number;
  instanceType: InstanceType;
  shapes: TaskShape[];
  seed?: number;
}

export interface SyntheticCluster {
  cluster: Cluster;
  groups: TaskGroups;
  shapes: PlacementShape[];
  /** Share of registered memory and CPU reserved after filling. */
  reserved: { memory: number; cpu: number };
}

export function syntheticCluster(spec: SyntheticClusterSpec): SyntheticCluster {
  const ports = [...new Set(spec.shapes.flatMap((s) => s.staticPorts))];
  const cluster = new Cluster(ports);
  const groups = new TaskGroups(cluster);
  const group = groups.id("bench");
  const shapes = spec.shapes.map((s, k) => cluster.resolveShape(s, k));
  for (let i = 0; i < spec.instances; i++) {
    cluster.addInstance(spec.instanceType, 0, ZONES[i % ZONES.length]!, {}, 0);
    groups.instanceAdded(i);
  }
  const rng = createStream(spec.seed ?? 1, "bench-fill");
  const totalMemory = spec.instances * spec.instanceType.memory;
  const totalCpu = spec.instances * spec.instanceType.cpu;
  let memory = 0;
  let cpu = 0;
  let misses = 0;
  for (
    let k = 0;
    misses < 200 && memory < spec.occupancy * totalMemory && cpu < spec.occupancy * totalCpu;
    k++
  ) {
    const shape = shapes[k % shapes.length]!;
    const i = Math.floor(rng() * spec.instances);
    if (cluster.misfit(shape, i) !== Misfit.None) {
      misses++;
      continue;
    }
    misses = 0;
    cluster.reserve(shape, i);
    groups.add(group, i, 1);
    memory += shape.memory;
    cpu += shape.cpu;
  }
  return { cluster, groups, shapes, reserved: { memory: memory / totalMemory, cpu: cpu / totalCpu } };
}

export interface DecisionCost {
  strategy: string;
  instances: number;
  indexed: boolean;
  /** Microseconds per decision (choose + reserve + release): tinybench's mean and p99 over BATCH. */
  meanUs: number;
  p99Us: number;
  /** tinybench's relative margin of error of the mean, percent. */
  rme: number;
  samples: number;
  /** Share of registered memory and CPU reserved in the synthetic cluster (the fill stops at the first). */
  reservedMemory: number;
  reservedCpu: number;
}

export interface DecisionCostOptions {
  sizes: number[];
  occupancy: number;
  instanceType: InstanceType;
  shapes: TaskShape[];
  /** tinybench time budget per (strategy, size), milliseconds. */
  time: number;
  /** Also measure the scan for strategies the index covers (to show the difference). */
  withScan?: boolean;
  /**
   * The task-shape mix strategies see (fragmentation-aware weighs it): the scenario's, so its cost is the
   * real one (its score costs O(mix size) per instance). Default: the shapes in equal shares.
   */
  taskMix?: readonly ShapeShare[];
}

export function measureDecisionCost(strategies: StrategySpec[], o: DecisionCostOptions): DecisionCost[] {
  const rows: DecisionCost[] = [];
  for (const strategy of strategies) {
    for (const instances of o.sizes) {
      for (const scanOnly of o.withScan ? [false, true] : [false]) {
        const row = measureOne(strategy, instances, scanOnly, o);
        if (row && !(scanOnly && !rows.at(-1)?.indexed)) rows.push(row);
      }
    }
  }
  return rows;
}

/** What one measured decision loop needs: `run(m)` makes m decisions (choose, reserve, release). */
export interface DecisionLoop {
  run(m: number): void;
  indexed: boolean;
  reserved: { memory: number; cpu: number };
}

/**
 * The synthetic cluster, placer (indexed unless scanOnly) and decision loop of one (strategy, size); undefined
 * when scanOnly is asked for a chain no index covers. Shapes are taken round-robin.
 */
export function decisionLoop(
  strategy: StrategySpec,
  instances: number,
  scanOnly: boolean,
  o: Omit<DecisionCostOptions, "sizes" | "time">,
): DecisionLoop | undefined {
  const { cluster, groups, shapes, reserved } = syntheticCluster({ ...o, instances });
  const tieBreak = createStream(1, "tie-break");
  const taskMix = o.taskMix ?? equalShares(o.shapes);
  const env = { cluster, groups, view: new ClusterView(cluster, groups), seed: 1, taskMix };
  const chain = compileChain(strategy.placementStrategy, {
    ...env,
    ...(strategy.modules ? { modules: strategy.modules } : {}),
  });
  if (scanOnly && !isIndexable(chain)) return undefined;
  const index = scanOnly ? undefined : createDecisionIndex(chain, env, shapes, tieBreak);
  const placer = new Placer(cluster, chain, tieBreak, strategy.name, index);
  const decision = new Decision(shapes[0]!);
  decision.group = groups.names[0] ?? "";
  let k = 0;
  const run = (m: number) => {
    for (let b = 0; b < m; b++) {
      decision.setShape(shapes[k++ % shapes.length]!);
      const i = placer.choose(decision);
      if (i >= 0) {
        const slot = cluster.reserve(decision.placement, i);
        groups.add(0, i, 1);
        cluster.release(decision.placement, i, slot);
        groups.add(0, i, -1);
      }
    }
  };
  return { run, indexed: index !== undefined, reserved };
}

function measureOne(
  strategy: StrategySpec,
  instances: number,
  scanOnly: boolean,
  o: DecisionCostOptions,
): DecisionCost | undefined {
  const loop = decisionLoop(strategy, instances, scanOnly, o);
  if (loop === undefined) return undefined;
  const { reserved } = loop;
  const bench = new Bench({ time: o.time, warmupTime: Math.max(50, o.time / 2) });
  bench.add(strategy.name, () => loop.run(BATCH));
  bench.runSync();
  const r = bench.tasks[0]!.result;
  if (r.state !== "completed") throw new Error(`benchmark of ${strategy.name} did not complete (${r.state})`);
  return {
    strategy: strategy.name,
    instances,
    indexed: loop.indexed,
    meanUs: (r.latency.mean * 1000) / BATCH,
    p99Us: (r.latency.p99 * 1000) / BATCH,
    rme: r.latency.rme,
    samples: r.latency.samplesCount,
    reservedMemory: reserved.memory,
    reservedCpu: reserved.cpu,
  };
}

function equalShares(shapes: TaskShape[]): ShapeShare[] {
  return shapes.map((s) => ({
    family: s.family,
    cpu: s.cpu,
    memory: s.memory,
    gpu: s.gpu,
    eni: s.eni,
    weight: 1 / shapes.length,
  }));
}
