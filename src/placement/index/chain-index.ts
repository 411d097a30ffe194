/**
 * The chain index: answers a multi-step chain (the ECS service default `spread(attribute:ecs.availability-
 * zone) > spread(instanceId)`, `spread(attribute:X) > binpack(memory)`, `binpack > spread(instanceId)`, ...)
 * or a single spread over an attribute without scanning the cluster, with the scan's exact choice and draw.
 *
 * Steps come in two kinds, as each strategy declares (StrategyHooks.index, read off CompiledChain.index):
 *   { local }      the step's score of instance i reads only i's state, the task's size and (key
 *                  "groupCount", spread by instance) the task group's count on i: binpack, spread(instanceId
 *                  | host), first-fit, random, best-fit, worst-fit, tetris, best-fit-l2, fragmentation-aware;
 *                  the tree stores the step's score itself;
 *   { attribute }  spread(attribute:NAME): the score of i is the group's count over every instance sharing
 *                  i's value of NAME, so it is the same for all instances of that value.
 * A cell is one combination of values of the chain's attributes (one availability zone for spread-az);
 * every instance of a cell has the same attribute scores. Per (task shape, task group) the index keeps one
 * LexMinCountTree per cell over instance ids, all of one size:
 *
 *   Invariant: in the tree of cell c, instance i holds the tuple of the chain's local scores of i for the
 *   (shape, group) when i is in c and the shape fits i now, and is absent otherwise.
 *
 * A decision builds, for each non-empty cell, the chain's score vector of the cell's best instances (the
 * attribute scores read at any instance of the cell, the local scores from the tree's smallest tuple, in
 * chain order) and keeps the lexicographically smallest vectors. Within a cell the attribute scores are
 * constant, so the cell's best instances under the whole chain are exactly its tree's smallest tuple; the
 * tied instances of the chain are those of the tied cells, m in all. With m >= 2 one draw u picks the
 * floor(u * m)-th of them in id order (kthAtMinAcross descends the tied cells' trees together): the rule of
 * the scan in placer.ts, so choices and draws are identical (test/placement/index/chain-index.test.ts).
 *
 * Count buckets instead of trees (count-buckets.ts): when the chain's local steps are none or one spread by
 * instance (the ECS default spread-az), an entry keeps per cell the sets of instances by group count instead
 * of a tree. The same invariant, restated: instance i is in the bucket (cell of i, count of the group on i)
 * when the shape fits i now, and in no bucket otherwise; a cell's smallest count and its bucket give the
 * cell's best instances, and selectAcross picks the k-th of the tied cells' minimum buckets in id order, so
 * the comparison of cells, m and the draw are those above. A count change is O(1) plus two Fenwick walks
 * over blocks of 256 ids, where a tree update climbed to the root (under spread most instances tie, so the
 * count at the minimum changed at every level). The key is read from TaskGroups, as the PlacementIndex
 * reads a "groupCount" step's (the declaration promises the score is that count). An entry whose counts
 * spread over more than MAX_BUCKETS values goes back to the trees for good (rebuilt from every instance),
 * with the same answers.
 *
 * The trees are kept current lazily, as in placement-index.ts: an instance change or a group-count change
 * appends the instance to a change log (change-log.ts), O(1) whatever the number of (shape, group) entries;
 * an entry re-examines the instances logged since it last caught up when it is asked for, before answering
 * (a stale entry, more than `capacity` changes behind, rebuilds from every instance). So the invariant above
 * holds for an entry whenever it answers a decision.
 *
 * Cost: a decision is O(cells x steps + tied cells x log n) plus the entry's catch-up, O(e x steps x log n)
 * for the e changes logged since it was last asked. Attribute counts are not stored in the trees, so a
 * placement changes no other instance's key. Memory: cells x (width + 1) x 16 bytes per instance per (shape, group) in use, which is
 * why the index gives up above MAX_CELLS cells (an attribute with a value per instance): choose() then
 * returns SCAN and the Placer scans, with the same result. It assumes an instance's attributes never change
 * after registration, and learns about changes from Cluster.onChange and TaskGroups.onChange.
 */
import type { Rng } from "../../core/random.ts";
import { type Cluster, Misfit, type PlacementShape } from "../../model/cluster.ts";
import type { CompiledChain } from "../registry.ts";
import type { TaskGroups } from "../task-groups.ts";
import { Decision, type TaskView } from "../task-view.ts";
import { ChangeLog, type LogReader } from "./change-log.ts";
import { CountBuckets, type IdSet, MAX_BUCKETS, selectAcross } from "./count-buckets.ts";
import { kthAtMinAcross, LexMinCountTree } from "./lex-min-count-tree.ts";

/** choose() result: the index cannot answer, the caller must scan. */
export const SCAN = -2;

/** Cells (attribute value combinations) beyond which the index hands decisions to the scan. */
export const MAX_CELLS = 16;

type Score = (i: number, t: TaskView) => number;

interface Entry extends LogReader {
  shape: PlacementShape;
  group: number;
  view: Decision;
  /** Tree per cell (undefined until an instance of the cell exists); unused while `buckets` is set. */
  trees: (LexMinCountTree | undefined)[];
  /** Count buckets (count-buckets.ts) instead of the trees, for a chain whose local key is a small count. */
  buckets: CountBuckets | undefined;
}

export class ChainIndex {
  /** Per step in chain order: the attribute's slot in `cellAttributes`, or -1 for a local step. */
  private readonly attributeSlot: number[];
  private readonly localScores: Score[];
  private readonly allScores: Score[];
  private readonly width: number;
  private readonly byGroup: boolean;
  private readonly cellAttributes: string[];
  private readonly cells = new Map<string, number>();
  /** First instance of each cell: where the attribute scores of the cell are read. */
  private readonly cellRep: number[] = [];
  private cellOf = new Int32Array(1024);
  private capacity = 1024;
  private disabled = false;
  /** Instances with a cell so far (ids below it). */
  private assigned = 0;
  private byId: (Entry | undefined)[] = [];
  private built: Entry[] = [];
  /** Instances changed since each entry's trees last caught up (change-log.ts). */
  private readonly log = new ChangeLog(() => this.built, this.capacity);
  private readonly tuple: Float64Array;
  // Decision scratch.
  private readonly best: Float64Array;
  private readonly vector: Float64Array;
  private tiedTrees: LexMinCountTree[] = [];
  private tiedSets: IdSet[] = [];
  /**
   * Whether entries start with count buckets: the chain's local steps are none (every instance of a cell
   * ties, key 0) or one spread by instance (key: the group's count on the instance, a small integer).
   */
  private readonly bucketed: boolean;
  /** Whether the chain's one local step is a spread by instance (bucket key: the group's count on i). */
  private readonly countStep: boolean;

  constructor(
    private readonly cluster: Cluster,
    private readonly groups: TaskGroups,
    private readonly shapes: PlacementShape[],
    chain: CompiledChain,
    private readonly tieBreak: Rng,
  ) {
    // The steps that can matter, as they declared themselves (StrategyHooks.index); scores[j] is step j's.
    const steps = chain.index ?? [];
    if (steps.length === 0) throw new Error("the chain index needs a chain of declared steps");
    this.cellAttributes = [];
    this.attributeSlot = [];
    this.localScores = [];
    this.allScores = steps.map((_, j) => chain.scores[j]!);
    steps.forEach((k, j) => {
      if ("attribute" in k) {
        let slot = this.cellAttributes.indexOf(k.attribute);
        if (slot < 0) slot = this.cellAttributes.push(k.attribute) - 1;
        this.attributeSlot.push(slot);
      } else {
        this.attributeSlot.push(-1);
        this.localScores.push(chain.scores[j]!);
      }
    });
    // A chain of attribute steps only: every instance of a cell ties, one constant key.
    this.width = Math.max(1, this.localScores.length);
    const locals = steps.filter((k) => "local" in k);
    this.countStep = locals.length === 1 && locals[0]!.local === "groupCount";
    this.bucketed = locals.length === 0 || this.countStep;
    // A "score" step may read the group's count on i (docs/strategies.md), which TaskGroups changes after the
    // cluster's reserve/release notified: such chains also update the group's trees on group changes.
    this.byGroup = steps.some((k) => "local" in k && (k.local === "groupCount" || k.local === "score"));
    this.tuple = new Float64Array(this.width);
    this.best = new Float64Array(steps.length);
    this.vector = new Float64Array(steps.length);
    for (; this.assigned < cluster.count; this.assigned++) this.assignCell(this.assigned);
    cluster.onChange.push((i) => this.instanceChanged(i));
    if (this.byGroup) groups.onChange.push((g, i) => this.groupChanged(g, i));
  }

  /** Cells seen so far (for tests and the bench). */
  get cellCount(): number {
    return this.cellRep.length;
  }

  /** (shape, group) entries built so far, and how many of them answer from count buckets (for tests). */
  get entries(): { built: number; bucketed: number } {
    return { built: this.built.length, bucketed: this.built.filter((e) => e.buckets !== undefined).length };
  }

  /** The chosen instance id, -1 when the shape fits nowhere, or SCAN. Consumes one draw when m >= 2 tie. */
  choose(decision: Decision): number {
    if (this.disabled) return SCAN;
    const entry = this.entryFor(decision.placement, decision.groupId);
    if (entry.buckets !== undefined) return this.chooseBucketed(entry, entry.buckets, decision);
    const steps = this.allScores.length;
    const best = this.best;
    const vector = this.vector;
    const tied = this.tiedTrees;
    let ntied = 0;
    let m = 0;
    for (let c = 0; c < entry.trees.length; c++) {
      const tree = entry.trees[c];
      if (tree === undefined || tree.countAtMin() === 0) continue;
      let local = 0;
      for (let j = 0; j < steps; j++) {
        vector[j] =
          this.attributeSlot[j]! >= 0
            ? this.allScores[j]!(this.cellRep[c]!, entry.view)
            : tree.minKey(local++);
      }
      let verdict = ntied === 0 ? -1 : 0;
      for (let j = 0; j < steps && verdict === 0; j++) {
        if (vector[j]! < best[j]!) verdict = -1;
        else if (vector[j]! > best[j]!) verdict = 1;
      }
      if (verdict === 1) continue;
      if (verdict === -1) {
        best.set(vector);
        ntied = 0;
        m = 0;
      }
      tied[ntied++] = tree;
      m += tree.countAtMin();
    }
    if (m === 0) return -1;
    const k = m === 1 ? 0 : Math.floor(this.tieBreak() * m);
    const i = ntied === 1 ? tied[0]!.kthAtMin(k) : kthAtMinAcross(tied, ntied, k);
    if (this.cluster.misfit(decision.placement, i) !== Misfit.None) {
      throw new Error(`placement index out of date: instance ${this.cluster.ids[i]} no longer fits`);
    }
    return i;
  }

  /** choose() over count buckets: the same comparison of cells, the same draw over the tied instances. */
  private chooseBucketed(entry: Entry, buckets: CountBuckets, decision: Decision): number {
    const steps = this.allScores.length;
    const best = this.best;
    const vector = this.vector;
    const tied = this.tiedSets;
    const cells = this.cellRep.length;
    let ntied = 0;
    let m = 0;
    for (let c = 0; c < cells; c++) {
      const min = buckets.min(c);
      if (min < 0) continue;
      // The cell's score vector against the best so far, step by step; a cell found worse stops there.
      let verdict = ntied === 0 ? -1 : 0;
      for (let j = 0; j < steps; j++) {
        const x = this.attributeSlot[j]! >= 0 ? this.allScores[j]!(this.cellRep[c]!, entry.view) : min;
        vector[j] = x;
        if (verdict !== 0) continue;
        if (x < best[j]!) verdict = -1;
        else if (x > best[j]!) {
          verdict = 1;
          break;
        }
      }
      if (verdict === 1) continue;
      if (verdict === -1) {
        best.set(vector);
        ntied = 0;
        m = 0;
      }
      const set = buckets.minSet(c);
      tied[ntied++] = set;
      m += set.size;
    }
    if (m === 0) return -1;
    const k = m === 1 ? 0 : Math.floor(this.tieBreak() * m);
    const i = selectAcross(tied, ntied, k);
    if (this.cluster.misfit(decision.placement, i) !== Misfit.None) {
      throw new Error(`placement index out of date: instance ${this.cluster.ids[i]} no longer fits`);
    }
    return i;
  }

  private assignCell(i: number): void {
    if (i >= this.cellOf.length) {
      const grown = new Int32Array(Math.max(i + 1, this.cellOf.length * 2));
      grown.set(this.cellOf);
      this.cellOf = grown;
    }
    const attrs = this.cluster.attributes[i];
    // Values joined with a separator no attribute value holds alone; a missing value is its own bucket.
    const key = this.cellAttributes.map((a) => (attrs?.has(a) ? `=${attrs.get(a)}` : "-")).join("\u0000");
    let c = this.cells.get(key);
    if (c === undefined) {
      c = this.cellRep.push(i) - 1;
      this.cells.set(key, c);
      if (this.cellRep.length > MAX_CELLS) this.disable();
    }
    this.cellOf[i] = c;
  }

  private disable(): void {
    this.disabled = true;
    this.byId = [];
    this.built = [];
    this.log.clear();
  }

  private entryFor(shape: PlacementShape, group: number): Entry {
    const id = group * this.shapes.length + shape.index;
    let entry = this.byId[id];
    if (!entry) {
      // The index may be created after instances were registered (synthetic clusters in `berth bench`).
      if (this.capacity < this.cluster.count) {
        while (this.capacity < this.cluster.count) this.capacity *= 2;
        this.reset();
      }
      const view = new Decision(shape);
      view.groupId = group;
      view.group = this.groups.names[group] ?? "";
      const buckets = this.bucketed ? new CountBuckets(this.capacity) : undefined;
      entry = { shape, group, view, trees: [], buckets, synced: 0, stale: true };
      this.byId[id] = entry;
      this.built.push(entry);
    }
    this.catchUp(entry);
    return entry;
  }

  /** Brings an entry's trees up to date: the instances logged since it last caught up, or all when stale. */
  private catchUp(e: Entry): void {
    const log = this.log;
    const buckets = e.buckets;
    if (buckets !== undefined) {
      // Either loop stops allocating buckets once the keys spread over more than MAX_BUCKETS values (memory).
      if (e.stale) {
        const n = this.cluster.count;
        for (let i = 0; i < n && buckets.liveBuckets <= MAX_BUCKETS; i++) this.updateBucket(e, buckets, i);
      } else {
        const ids = log.ids;
        const end = log.offset(log.end);
        for (let k = log.offset(e.synced); k < end && buckets.liveBuckets <= MAX_BUCKETS; k++) {
          this.updateBucket(e, buckets, ids[k]!);
        }
      }
      if (buckets.liveBuckets <= MAX_BUCKETS) {
        log.caughtUp(e);
        return;
      }
      // Counts spread over too many values: this entry goes back to the trees for good, rebuilt.
      e.buckets = undefined;
      e.stale = true;
    }
    if (e.stale) {
      for (let i = 0; i < this.cluster.count; i++) this.update(e, i);
    } else {
      const ids = log.ids;
      const end = log.offset(log.end);
      for (let k = log.offset(e.synced); k < end; k++) this.update(e, ids[k]!);
    }
    log.caughtUp(e);
  }

  /** Drops every entry (rebuilt lazily at the new capacity on next use). */
  private reset(): void {
    this.byId = [];
    this.built = [];
    this.log.clear(this.capacity);
  }

  private update(e: Entry, i: number): void {
    const c = this.cellOf[i]!;
    let tree = e.trees[c];
    if (tree === undefined) {
      tree = new LexMinCountTree(this.capacity, this.width);
      while (e.trees.length <= c) e.trees.push(undefined);
      e.trees[c] = tree;
    }
    if (this.cluster.misfit(e.shape, i) !== Misfit.None) {
      tree.setAbsent(i);
      return;
    }
    const scores = this.localScores;
    const tuple = this.tuple;
    for (let j = 0; j < scores.length; j++) tuple[j] = scores[j]!(i, e.view);
    tree.set(i, tuple);
  }

  private updateBucket(e: Entry, buckets: CountBuckets, i: number): void {
    // The step declared "groupCount": its score is the group's count on i, read where it is kept (as the
    // PlacementIndex does); a chain without a local step ranks every instance of a cell alike (key 0).
    const v =
      this.cluster.misfit(e.shape, i) !== Misfit.None
        ? -1
        : this.countStep
          ? this.groups.onInstance(e.group, i)
          : 0;
    buckets.set(i, this.cellOf[i]!, v);
  }

  private instanceChanged(i: number): void {
    if (this.disabled) return;
    // Instances register in id order, each firing a change: a new id gets its cell here.
    for (; this.assigned <= i; this.assigned++) this.assignCell(this.assigned);
    if (this.disabled) return;
    if (i >= this.capacity) {
      while (i >= this.capacity) this.capacity *= 2;
      this.reset();
      return;
    }
    this.log.append(i);
  }

  private groupChanged(_group: number, i: number): void {
    // Every entry re-examines i (other groups' entries find their tuple unchanged); a placement's reserve
    // and group count change log i once (the log skips a repeat of its last entry).
    if (this.disabled || i >= this.capacity) return;
    this.log.append(i);
  }
}
