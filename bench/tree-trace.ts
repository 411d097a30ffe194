/**
 * Cache footprint of two MinCountTree implementations on the same operations, deterministic (no timing, so
 * the machine's load does not matter). Runs bench/event-cost.ts's workload once through tree A's checkout,
 * recording every MinCountTree call (set, kthAtMin, countAtMin) of every tree, then replays the first OPS
 * calls through A's class and through B's with their typed arrays watched, and prints per implementation
 * the cache lines (64 bytes) an update and a tie search touch, and the misses per operation through a
 * simulated LRU cache of each given size (what the index might keep of the CPU's caches amid the run).
 *
 *   node --import tsx bench/tree-trace.ts DIR_A DIR_B [INSTANCES] [EVENTS] [OPS] [LRU_KIB,...]
 *
 * Each folder needs src/ and bench/ (node_modules may be a link to another checkout's).
 */
import { resolve } from "node:path";

interface Tree {
  set(i: number, key: number): void;
  kthAtMin(k: number): number;
  countAtMin(): number;
}
type TreeClass = { new (capacity: number): Tree; prototype: Tree };

const [
  dirA,
  dirB,
  instancesText = "10000",
  eventsText = "1000000",
  opsText = "1500000",
  kibText = "64,128,256",
] = process.argv.slice(2);
if (!dirA || !dirB)
  throw new Error("usage: bench/tree-trace.ts DIR_A DIR_B [INSTANCES] [EVENTS] [OPS] [LRU_KIB,...]");
const treeClass = async (dir: string): Promise<TreeClass> =>
  (await import(`${resolve(dir)}/src/placement/index/min-count-tree.ts`)).MinCountTree;
const A = await treeClass(dirA);
const B = await treeClass(dirB);

// Record: [tree number, kind (0 set, 1 kthAtMin, 2 countAtMin), argument, key].
const trace: [number, number, number, number][] = [];
const capacities: number[] = [];
const numbers = new WeakMap<Tree, number>();
const numberOf = (t: Tree, capacity: number) => {
  let n = numbers.get(t);
  if (n === undefined) {
    n = capacities.push(capacity) - 1;
    numbers.set(t, n);
  }
  return n;
};
const proto = A.prototype as Tree & { capacity: number };
const { set, kthAtMin, countAtMin } = proto;
const limit = Number(opsText);
const record = (t: Tree & { capacity: number }, kind: number, arg: number, key: number) => {
  if (trace.length < limit) trace.push([numberOf(t, t.capacity), kind, arg, key]);
};
proto.set = function (this: Tree & { capacity: number }, i: number, key: number) {
  record(this, 0, i, key);
  set.call(this, i, key);
};
proto.kthAtMin = function (this: Tree & { capacity: number }, k: number) {
  record(this, 1, k, 0);
  return kthAtMin.call(this, k);
};
proto.countAtMin = function (this: Tree & { capacity: number }) {
  record(this, 2, 0, 0);
  return countAtMin.call(this);
};
const { microsPerEvent } = await import(`${resolve(dirA)}/bench/event-cost.ts`);
microsPerEvent(Number(instancesText), "binpack-memory", Number(eventsText));
Object.assign(proto, { set, kthAtMin, countAtMin });

/** Replays the trace through `Tree`, its typed arrays behind proxies that note each element's line. */
function replay(Tree: TreeClass, lruLines: number[]) {
  let touched = new Set<string>();
  let arrays = 0;
  const watch = (a: Float64Array | Int32Array) => {
    const id = arrays++;
    const lineOf = (p: string | symbol) =>
      typeof p === "string" && /^\d+$/.test(p)
        ? `${id}:${Math.floor((Number(p) * a.BYTES_PER_ELEMENT) / 64)}`
        : "";
    return new Proxy(a, {
      get(target, p) {
        const line = lineOf(p);
        if (line) touched.add(line);
        const v = Reflect.get(target, p);
        return typeof v === "function" ? v.bind(target) : v;
      },
      set(target, p, v) {
        const line = lineOf(p);
        if (line) touched.add(line);
        return Reflect.set(target, p, v);
      },
    });
  };
  const trees = capacities.map((c) => {
    const t = new Tree(c) as unknown as Record<string, unknown>;
    for (const k of Object.keys(t)) {
      const v = t[k];
      // Small index tables (level offsets) stay unwatched: they are a few bytes, always cached.
      if ((v instanceof Float64Array || v instanceof Int32Array) && v.length > 64) t[k] = watch(v);
    }
    return t as unknown as Tree;
  });
  const lrus = lruLines.map(() => new Map<string, true>());
  const misses = lruLines.map(() => 0);
  const lines = [0, 0, 0];
  const counts = [0, 0, 0];
  for (const [t, kind, arg, key] of trace) {
    touched = new Set();
    const tree = trees[t]!;
    if (kind === 0) tree.set(arg, key);
    else if (kind === 1) tree.kthAtMin(arg);
    else tree.countAtMin();
    lines[kind]! += touched.size;
    counts[kind]!++;
    lrus.forEach((lru, c) => {
      for (const line of touched) {
        if (lru.delete(line)) {
          lru.set(line, true);
          continue;
        }
        misses[c]!++;
        if (lru.size >= lruLines[c]!) lru.delete(lru.keys().next().value!);
        lru.set(line, true);
      }
    });
  }
  return {
    linesPerSet: Number((lines[0]! / counts[0]!).toFixed(2)),
    linesPerTieSearch: Number((lines[1]! / Math.max(1, counts[1]!)).toFixed(2)),
    missesPerOperation: Object.fromEntries(
      lruLines.map((n, c) => [`${(n * 64) / 1024} KiB`, Number((misses[c]! / trace.length).toFixed(3))]),
    ),
  };
}

const lruLines = kibText.split(",").map((kib) => (Number(kib) * 1024) / 64);
console.log(
  JSON.stringify({
    instances: Number(instancesText),
    operations: trace.length,
    A: replay(A, lruLines),
    B: replay(B, lruLines),
  }),
);
