/**
 * The placement index: answers a chain of one instance-local step without scanning the cluster. Which
 * chains it covers is read off the compiled chain's declarations (StrategyHooks.index), never off names.
 *
 * For each task shape (and, for a "groupCount" or "score" key, each task group) it keeps a MinCountTree over
 * instance ids whose key for instance i is the step's rank of i when the shape fits i now, and ABSENT when it
 * does not. The declared key (strategy.ts IndexKey) says what is stored:
 *   freeCpu | freeMemory   free cpu | free memory of i        (binpack: rank = free - demand, same order)
 *   groupCount             tasks of the group on i            (spread by instance)
 *   instanceId             i                                  (first-fit)
 *   constant               0: every fitting instance ties     (random)
 *   shapeScore             the step's own score of i          (best-fit, worst-fit, tetris, best-fit-l2,
 *                                                              fragmentation-aware: reads only i and the
 *                                                              task's size, so one tree per shape)
 *   score                  the step's own score of i, which may also read the task's group (its count on i,
 *                          docs/strategies.md): one tree per (group, shape), scored through a view that
 *                          carries that group, and kept current on group count changes too
 * A decision reads the tree: the smallest key is the best rank, countAtMin() is the number m of tied
 * instances, and with m >= 2 one draw u from the tie-break stream picks kthAtMin(floor(u * m)): exactly the
 * scan's rule in placer.ts, so results are identical (test/placement/index/placement-index.test.ts and the
 * golden results check this).
 *
 * Trees are kept current lazily, so a reserve or release costs O(1) whatever the number of shapes: a change
 * only appends the instance id to a change log (change-log.ts), and a tree re-keys the instances logged since
 * it last caught up when its (shape, group) is asked for, just before answering.
 *
 *   Invariant: after catching up, tree (shape, group) holds for every instance i the key above computed from
 *   i's state now (its key is a function of i's state, the shape and the group only, and every change of
 *   that state is logged). Between decisions a tree may lag; no one reads it then.
 *
 * A tree more than `capacity` log entries behind is marked stale and rebuilt from every instance when next
 * asked (cheaper than re-keying more entries than there are instances).
 *
 * Cost: a decision is O(log n) plus its tree's catch-up: O(e x log n) for the e changes logged since that
 * tree was last asked (at most O(n log n), a rebuild); a change of an instance already at the end of the log
 * is logged once. Summed over a run, the work is at most what updating every tree on every change costs,
 * and much less for shapes asked for rarely (nothing at all for a shape no longer submitted). Updates stop
 * climbing where a subtree's answer is unchanged; trees are built on first use, O(n). The index learns about
 * changes from Cluster.onChange and TaskGroups.onChange, so anything that changes an instance's free
 * resources, status or task counts must go through Cluster/TaskGroups methods that notify.
 */
import type { Rng } from "../../core/random.ts";
import { type Cluster, Misfit, type PlacementShape } from "../../model/cluster.ts";
import type { CompiledChain } from "../registry.ts";
import type { IndexKey } from "../strategy.ts";
import type { TaskGroups } from "../task-groups.ts";
import type { TaskView } from "../task-view.ts";
import { Decision } from "../task-view.ts";
import { ChangeLog, type LogReader } from "./change-log.ts";
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

interface Built extends LogReader {
  tree: MinCountTree;
  shape: PlacementShape;
  group: number;
  /** What the step's score reads for this tree's tasks (shape, and group for a "score" key). */
  view: Decision;
}

export class PlacementIndex {
  /** Trees by id (shape index, or group x shapes + shape for a per-group key), built on first use. */
  private byId: (Built | undefined)[] = [];
  /** The same trees as a list, for the per-change loop. */
  private built: Built[] = [];
  private capacity = 1024;
  /** Instances changed since each tree last caught up (change-log.ts). */
  private readonly log = new ChangeLog(() => this.built, this.capacity);
  /** The step's key of instance i for the tree's tasks (only asked when the shape fits i). */
  private readonly rankKey: (b: Built, i: number) => number;
  /** Whether trees are kept per (task group, shape) rather than per shape. */
  private readonly perGroup: boolean;

  constructor(
    private readonly cluster: Cluster,
    private readonly groups: TaskGroups,
    private readonly shapes: PlacementShape[],
    key: IndexKey,
    private readonly tieBreak: Rng,
    score?: ScoreFunction,
  ) {
    if ((key === "score" || key === "shapeScore") && !score)
      throw new Error("a score-keyed placement index needs the step's score");
    const keys: Record<IndexKey, (b: Built, i: number) => number> = {
      freeCpu: (_b, i) => cluster.freeCpu[i]!,
      freeMemory: (_b, i) => cluster.freeMemory[i]!,
      groupCount: (b, i) => groups.onInstance(b.group, i),
      instanceId: (_b, i) => i,
      constant: () => 0,
      score: (b, i) => score!(i, b.view),
      shapeScore: (b, i) => score!(i, b.view),
    };
    this.rankKey = keys[key];
    this.perGroup = key === "groupCount" || key === "score";
    cluster.onChange.push((i) => this.instanceChanged(i));
    if (this.perGroup) groups.onChange.push((g, i) => this.groupChanged(g, i));
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
    return this.perGroup ? group * this.shapes.length + shape.index : shape.index;
  }

  private treeFor(shape: PlacementShape, group: number): MinCountTree {
    const id = this.treeId(shape, group);
    let entry = this.byId[id];
    if (!entry) {
      // The index may be created after instances were registered (synthetic clusters in `berth bench`).
      if (this.capacity < this.cluster.count) {
        while (this.capacity < this.cluster.count) this.capacity *= 2;
        this.reset();
      }
      const view = new Decision(shape);
      if (this.perGroup) {
        view.groupId = group;
        view.group = this.groups.names[group] ?? "";
      }
      entry = { tree: new MinCountTree(this.capacity), shape, group, view, synced: 0, stale: true };
      this.byId[id] = entry;
      this.built.push(entry);
    }
    this.catchUp(entry);
    return entry.tree;
  }

  /** Brings a tree up to date: re-keys the instances logged since it last caught up, or all when stale. */
  private catchUp(b: Built): void {
    const log = this.log;
    if (b.stale) {
      for (let i = 0; i < this.cluster.count; i++) b.tree.set(i, this.keyOf(b, i));
    } else {
      const ids = log.ids;
      const end = log.offset(log.end);
      for (let k = log.offset(b.synced); k < end; k++) {
        const i = ids[k]!;
        b.tree.set(i, this.keyOf(b, i));
      }
    }
    log.caughtUp(b);
  }

  private keyOf(b: Built, i: number): number {
    return this.cluster.misfit(b.shape, i) === Misfit.None ? this.rankKey(b, i) : ABSENT;
  }

  private instanceChanged(i: number): void {
    if (i >= this.capacity) {
      while (i >= this.capacity) this.capacity *= 2;
      this.reset();
      return;
    }
    this.log.append(i);
  }

  /** Drops every tree (rebuilt lazily at the new capacity on next use). */
  private reset(): void {
    this.byId = [];
    this.built = [];
    this.log.clear(this.capacity);
  }

  private groupChanged(_group: number, i: number): void {
    // Every tree re-examines i (other groups' trees find their key unchanged); the engine's reserve and
    // group count change for one placement log i once (the log skips a repeat of its last entry).
    if (i < this.capacity) this.log.append(i);
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
