/**
 * bench/event-cost.ts for two source trees in one process, for a shared machine: imports event-cost.ts from
 * two checkouts (say a `git archive` of main extracted into one folder, and your worktree) and, each round,
 * measures the CPU cost per event at 100 and at 10,000 instances through A and through B (the order flips
 * every round). Prints the medians of each tree's costs and of its per-round ratio 10,000 / 100.
 *
 *   node --import tsx bench/event-cost-ab.ts DIR_A DIR_B [STRATEGY] [ROUNDS] [EVENTS] [SHAPES]
 *
 * Each folder needs src/ and bench/ (node_modules may be a link to another checkout's).
 */
import { resolve } from "node:path";

type Cost = (instances: number, strategy: string, events: number, shapes: number) => number;

const [dirA, dirB, strategy = "binpack-memory", roundsText = "5", eventsText = "400000", shapesText = "4"] =
  process.argv.slice(2);
if (!dirA || !dirB)
  throw new Error("usage: bench/event-cost-ab.ts DIR_A DIR_B [STRATEGY] [ROUNDS] [EVENTS] [SHAPES]");
const costOf = async (dir: string): Promise<Cost> =>
  (await import(`${resolve(dir)}/bench/event-cost.ts`)).microsPerEvent;
const trees = { A: await costOf(dirA), B: await costOf(dirB) };
const events = Number(eventsText);
const shapes = Number(shapesText);
const costs = {
  A: { small: [] as number[], large: [] as number[] },
  B: { small: [] as number[], large: [] as number[] },
};
// Warm both trees' code before measuring.
for (const cost of Object.values(trees)) cost(100, strategy, 100_000, shapes);
for (let round = 0; round < Number(roundsText); round++) {
  for (const name of round % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const)) {
    costs[name].small.push(trees[name](100, strategy, events, shapes));
    costs[name].large.push(trees[name](10_000, strategy, events, shapes));
  }
}
const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
const summary = (name: "A" | "B") => {
  const { small, large } = costs[name];
  const ratios = large.map((x, k) => x / small[k]!);
  return {
    microsPerEvent100: Number(median(small).toFixed(3)),
    microsPerEvent10000: Number(median(large).toFixed(3)),
    ratio: Number(median(ratios).toFixed(3)),
    ratios: ratios.map((x) => Number(x.toFixed(2))),
  };
};
console.log(JSON.stringify({ strategy, events, shapes, A: summary("A"), B: summary("B") }));
