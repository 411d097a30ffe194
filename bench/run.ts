/**
 * berth's speed benchmarks (issue 6). `npm run bench` runs everything and prints a Markdown report to paste
 * into bench/RESULTS.md; `npm run bench -- --quick` is the short smoke run CI executes (it checks that every
 * benchmark runs; it never fails on a missed time target, because shared CI machines are noisy).
 *
 *   1. kernel: berth's EventQueue vs a bare typed-array heap, hold model (ratio, same process);
 *   2. placement decision cost per strategy at 100, 1,000, 10,000 instances (ratio large/small, median of
 *      5 rounds);
 *   3. end to end: scenarios/scale-1m.yaml per strategy, events/s and peak RSS (child processes);
 *   4. the M/M/c queue in berth vs SimPy (ratio of jobs per second, back to back);
 *   5. report generation for 6 strategies x 10 seeds (absolute seconds);
 *   6. sweep: 2 workers over 1, overhead per unit, berth plan on mixed-fleet (bench/sweep.ts).
 */
import { availableParallelism, cpus } from "node:os";
import { parseArgs } from "node:util";
import { e2eBenchmark } from "./e2e.ts";
import { type Figure, meets } from "./figure.ts";
import { kernelBenchmark } from "./kernel.ts";
import { mmcBenchmark } from "./mmc.ts";
import { placementBenchmark } from "./placement.ts";
import { reportBenchmark } from "./report.ts";
import { sweepBenchmark } from "./sweep.ts";

const { values } = parseArgs({
  options: { quick: { type: "boolean" }, only: { type: "string", multiple: true } },
  strict: true,
});
const quick = values.quick ?? false;
const only = new Set(values.only ?? []);
const want = (section: string) => only.size === 0 || only.has(section);

const lines: string[] = [];
const say = (line = "") => {
  lines.push(line);
  console.log(line);
};

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  return v.toPrecision(3);
}

function table(figures: Figure[]): void {
  say("| figure | value | target | met |");
  say("| --- | ---: | --- | --- |");
  for (const f of figures) {
    const target = f.target
      ? [
          f.target.atLeast !== undefined ? `>= ${fmt(f.target.atLeast)}` : "",
          f.target.atMost !== undefined ? `<= ${fmt(f.target.atMost)}` : "",
        ]
          .filter(Boolean)
          .join(" ")
      : "";
    const ok = meets(f);
    const detail = f.detail
      ? ` (mean ${fmt(f.detail.meanMs)} ms/iter, p99 ${fmt(f.detail.p99Ms)} ms, ±${f.detail.rme.toFixed(1)}%)`
      : "";
    say(
      `| ${f.name}${detail} | ${fmt(f.value)} ${f.unit} | ${target} | ${ok === undefined ? "" : ok ? "yes" : "**no**"} |`,
    );
  }
  say();
}

say(`## ${new Date().toISOString().slice(0, 10)} ${quick ? "(quick smoke run)" : ""}`);
say();
say(
  `Machine: ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? "unknown CPU"}; Node ${process.version}; ` +
    `command: \`npm run bench${quick ? " -- --quick" : ""}\`.`,
);
say();

if (want("kernel")) {
  say("### Kernel (hold model, 10,000 pending events)");
  say();
  table(
    kernelBenchmark({
      pending: 10_000,
      holdsPerIteration: 10_000,
      time: quick ? 200 : 1000,
      rounds: quick ? 1 : 5,
    }),
  );
}

if (want("placement")) {
  say("### Placement decision cost (synthetic clusters, 85% occupancy)");
  say();
  const sizes = quick ? [100, 1000] : [100, 1000, 10_000];
  const { rows, figures } = placementBenchmark({
    sizes,
    time: quick ? 30 : 400,
    withScan: !quick,
    ratioRounds: quick ? 0 : 4,
  });
  say("| strategy | instances | path | mean µs/decision | p99 µs | ±rme | reserved (binding resource) |");
  say("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    say(
      `| ${r.strategy} | ${r.instances} | ${r.indexed ? "index" : "scan"} | ${r.meanUs.toFixed(3)} | ${r.p99Us.toFixed(3)} | ${r.rme.toFixed(1)}% | ${(100 * Math.max(r.reservedMemory, r.reservedCpu)).toFixed(0)}% |`,
    );
  }
  say();
  table(figures);
}

if (want("e2e")) {
  say(`### End to end: scenarios/scale-1m.yaml${quick ? " (first 5% of the horizon)" : ""}`);
  say();
  table(
    e2eBenchmark(
      "scenarios/scale-1m.yaml",
      ["binpack-memory", "spread-instance", "first-fit"],
      quick ? 0.05 : 1,
    ),
  );
}

if (want("mmc")) {
  say("### M/M/c: berth vs SimPy");
  say();
  table(
    mmcBenchmark(
      quick
        ? { servers: 10, lambda: 9, mu: 1, horizon: 2000, repeats: 1 }
        : { servers: 10, lambda: 9, mu: 1, horizon: 40_000, repeats: 3 },
    ),
  );
}

if (want("report")) {
  say("### Report generation");
  say();
  table(reportBenchmark({ seeds: quick ? 2 : 10, time: quick ? 100 : 2000 }));
}

if (want("sweep")) {
  say("### Sweeps and plan (wall clock, worker threads)");
  say();
  // 1-day units (~1.4 s each on an idle core): 4h units (~0.2 s) are too short for the pool's per-unit
  // overhead (~0.1 s) and start-up not to dominate the 2-over-1 ratio.
  table(await sweepBenchmark({ rounds: quick ? 1 : 3, horizon: quick ? "20m" : "14d", plan: !quick }));
}
