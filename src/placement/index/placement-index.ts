/**
 * The placement index: answers a chain of one instance-local step without scanning the cluster. Which
 * chains it covers is read off the compiled chain's declarations (StrategyHooks.index), never off names.
 *
 * For each task shape (and, for a "groupCount" key, each task group) it keeps a MinCountTree over instance
 * ids whose key for instance i is the step's rank of i when the shape fits i now, and ABSENT when it does
 * not. The declared key (strategy.ts IndexKey) says what is stored:
 *   freeCpu | freeMemory   free cpu | free memory of i        (binpack: rank = free - demand, same order)
 *   groupCount             tasks of the group on i            (spread by instance)
 *   instanceId             i                                  (first-fit)
 *   constant               0: every fitting instance ties     (random)
 *   score                  the step's own score of i          (best-fit, worst-fit, tetris, best-fit-l2:
 *                                                              reads only i and the task's size)
 * A decision reads the tree: the smallest key is the best rank, countAtMin() is the number m of tied
 * instances, and with m >= 2 one draw u from the tie-break stream picks kthAtMin(floor(u * m)): exactly the
 * scan's rule in placer.ts, so results are identical (test/placement/index/placement-index.test.ts and the
 * golden results check this).
 *
 * Cost: a decision is O(log n); an instance change updates every tree at that id, O(trees x log n) at worst
 * and usually less (updates stop where a subtree's answer is unchanged); trees are built on first use, O(n).
 * The index learns about changes from Cluster.onChange and TaskGroups.onChange, so anything that changes an
 * instance's free resources, status or task counts must go through Cluster/TaskGroups methods that notify.
 */
import type { Rng } from "../../core/random.ts";
import { type Cluster, Misfit, type PlacementShape } from "../../model/cluster.ts";
import type { CompiledChain } from "../registry.ts";
import type { IndexKey } from "../strategy.ts";
import type { TaskGroups } from "../task-groups.ts";
import type { TaskView } from "../task-view.ts";
import { Decision } from "../task-view.ts";
import { ABSENT, MinCountTree } from "./min-count-tree.ts";

/** A step's score of instance i for a task, lower is better (CompiledChain.scores[k]). */
export type ScoreFunction = (i: number, t: TaskView) => number;

/**
 * The key this index ranks a compiled chain by, read off its steps' declarations (StrategyHooks.index), or
 * undefined when the chain needs the scan: it covers one instance-local step (a final step such as random,
 * or one whose scores never tie such as first-fit, may be followed by others that cannot matter).
 */
export function indexKeyOf(chain: CompiledChain): IndexKey | undefined {
  const steps = chain.index;
  const only = steps?.length === 1 ? steps[0]! : undefined;
  return only !== undefined && "local" in only ? only.local : undefined;
}

interface Built {
  tree: MinCountTree;
  shape: PlacementShape;
  group: number;
}

export class PlacementIndex {
  /** Trees by id (shape index, or group x shapes + shape for spread), built on first use. */
  private byId: (Built | undefined)[] = [];
  /** The same trees as a list, for the per-change loop. */
  private built: Built[] = [];
  private capacity = 1024;
  /** The step's key of instance i for a task of `shape` and `group` (only asked when the shape fits i). */
  private readonly rankKey: (shape: PlacementShape, group: number, i: number) => number;
  /** One task view per shape, what a score function reads. */
  private readonly views: Decision[];

  constructor(
    private readonly cluster: Cluster,
    groups: TaskGroups,
    private readonly shapes: PlacementShape[],
    private readonly key: IndexKey,
    private readonly tieBreak: Rng,
    score?: ScoreFunction,
  ) {
    if (key === "score" && !score) throw new Error("a score-keyed placement index needs the step's score");
    this.views = shapes.map((s) => new Decision(s));
    const keys: Record<IndexKey, (shape: PlacementShape, group: number, i: number) => number> = {
      freeCpu: (_s, _g, i) => cluster.freeCpu[i]!,
      freeMemory: (_s, _g, i) => cluster.freeMemory[i]!,
      groupCount: (_s, group, i) => groups.onInstance(group, i),
      instanceId: (_s, _g, i) => i,
      constant: () => 0,
      score: (shape, _g, i) => score!(i, this.views[shape.index]!),
    };
    this.rankKey = keys[key];
    cluster.onChange.push((i) => this.instanceChanged(i));
    if (key === "groupCount") groups.onChange.push((g, i) => this.groupChanged(g, i));
  }

  /** The chosen instance id, or -1 when the shape fits nowhere. Consumes one draw when m >= 2 tie. */
  choose(decision: Decision): number {
    const tree = this.treeFor(decision.placement, decision.groupId);
    const m = tree.countAtMin();
    if (m === 0) return -1;
    const i = tree.kthAtMin(m === 1 ? 0 : Math.floor(this.tieBreak() * m));
    // Cheap guard against a change that bypassed the notifications (the index would be silently wrong).
    if (this.cluster.misfit(decision.placement, i) !== Misfit.None) {
      throw new Error(`placement index out of date: instance ${this.cluster.ids[i]} no longer fits`);
    }
    return i;
  }

  private treeId(shape: PlacementShape, group: number): number {
    return this.key === "groupCount" ? group * this.shapes.length + shape.index : shape.index;
  }

  private treeFor(shape: PlacementShape, group: number): MinCountTree {
    const id = this.treeId(shape, group);
    let entry = this.byId[id];
    if (!entry) {
      // The index may be created after instances were registered (synthetic clusters in `berth bench`).
      while (this.capacity < this.cluster.count) this.capacity *= 2;
      const tree = new MinCountTree(this.capacity);
      for (let i = 0; i < this.cluster.count; i++) tree.set(i, this.keyOf(shape, group, i));
      entry = { tree, shape, group };
      this.byId[id] = entry;
      this.built.push(entry);
    }
    return entry.tree;
  }

  private keyOf(shape: PlacementShape, group: number, i: number): number {
    return this.cluster.misfit(shape, i) === Misfit.None ? this.rankKey(shape, group, i) : ABSENT;
  }

  private instanceChanged(i: number): void {
    if (i >= this.capacity) {
      while (i >= this.capacity) this.capacity *= 2;
      // Rebuilt lazily at the new capacity on next use.
      this.byId = [];
      this.built = [];
      return;
    }
    const built = this.built;
    for (let t = 0; t < built.length; t++) {
      const b = built[t]!;
      b.tree.set(i, this.keyOf(b.shape, b.group, i));
    }
  }

  private groupChanged(group: number, i: number): void {
    if (i >= this.capacity) return;
    for (const shape of this.shapes)
      this.byId[this.treeId(shape, group)]?.tree.set(i, this.keyOf(shape, group, i));
  }
}

/** The index for a chain it covers, else undefined (the Placer then scans). */
export function createPlacementIndex(
  chain: CompiledChain,
  env: { cluster: Cluster; groups: TaskGroups },
  shapes: PlacementShape[],
  tieBreak: Rng,
): PlacementIndex | undefined {
  const key = indexKeyOf(chain);
  return key && new PlacementIndex(env.cluster, env.groups, shapes, key, tieBreak, chain.scores[0]);
}
