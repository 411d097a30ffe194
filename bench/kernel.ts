/**
 * Kernel benchmark: the classic hold model. The queue starts with `pending` events; each hold operation pops
 * the earliest event and pushes it back at (its time + an exponential increment). Increments are drawn once
 * up front so both heaps do identical work; the figure is berth's holds per second over the bare heap's,
 * measured in the same process run. The pair is measured in `rounds` alternating rounds and the median
 * round's ratio is reported, so a burst of load from elsewhere on a shared machine hits one round, not the
 * figure.
 */
import { Bench } from "tinybench";
import { EventQueue } from "../src/core/event-queue.ts";
import { BareHeap } from "./bare-heap.ts";
import { type Figure, statsOf, type TaskStats } from "./figure.ts";

export function kernelBenchmark(opts: {
  pending: number;
  holdsPerIteration: number;
  time: number;
  rounds: number;
}): Figure[] {
  const { pending, holdsPerIteration } = opts;
  let seed = 12345;
  const uniform = () => {
    // xorshift32: a fixed, cheap increment sequence (not a simulation stream).
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const increments = Float64Array.from({ length: 1 << 16 }, () => -Math.log(1 - uniform()));
  const mask = increments.length - 1;

  const berth = new EventQueue(pending);
  const bare = new BareHeap(pending);
  for (let k = 0; k < pending; k++) {
    const t = increments[k & mask]!;
    berth.push(t, 10, 1, k);
    bare.push(t, k);
  }
  let a = 0;
  let b = 0;
  const rounds: { bare: TaskStats; berth: TaskStats; ratio: number }[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    const bench = new Bench({ time: opts.time, warmup: true });
    bench.add("bare typed-array heap", () => {
      for (let h = 0; h < holdsPerIteration; h++) {
        bare.pop();
        bare.push(bare.time + increments[b++ & mask]!, bare.payload);
      }
    });
    bench.add("berth EventQueue", () => {
      for (let h = 0; h < holdsPerIteration; h++) {
        berth.pop();
        berth.push(berth.time + increments[a++ & mask]!, 10, berth.kind, berth.arg);
      }
    });
    bench.runSync();
    const bareStats = statsOf(bench.tasks[0]!, holdsPerIteration);
    const berthStats = statsOf(bench.tasks[1]!, holdsPerIteration);
    rounds.push({ bare: bareStats, berth: berthStats, ratio: berthStats.perSecond / bareStats.perSecond });
  }
  rounds.sort((x, y) => x.ratio - y.ratio);
  const median = rounds[Math.floor(rounds.length / 2)]!;
  return [
    {
      name: `bare heap holds/s (${pending} pending)`,
      value: median.bare.perSecond,
      unit: "holds/s",
      detail: median.bare,
    },
    {
      name: `berth EventQueue holds/s (${pending} pending)`,
      value: median.berth.perSecond,
      unit: "holds/s",
      detail: median.berth,
    },
    {
      name: `kernel ratio: berth / bare heap (median of ${rounds.length} rounds: ${rounds.map((x) => x.ratio.toFixed(2)).join(", ")})`,
      value: median.ratio,
      unit: "ratio",
      target: { atLeast: 0.7 },
    },
  ];
}
