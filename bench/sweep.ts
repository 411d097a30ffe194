/**
 * Sweep and plan speed (issue 9), wall-clock on this machine:
 * - the speedup of 2 workers over 1 on the same units (a shipped sweep's units, back to back, alternating
 *   1 and 2 workers over several rounds, median ratio), pool start-up included;
 * - the same on a warm pool (threads started, scenarios compiled by an untimed first pass): the throughput a
 *   long sweep sees;
 * - the overhead per unit: pool wall time on 1 worker minus the units' own run time, per unit;
 * - `berth plan scenarios/mixed-fleet.yaml --slo "placementDelay.p99 <= 60s"` end to end (child process).
 * Ratios come from one process run, as the charter asks; the machine's load is printed with them.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { selectStrategies } from "../src/cli/strategy-selection.ts";
import { loadSweepFile } from "../src/sweep/load-sweep.ts";
import { runOnPool, WorkerPool } from "../src/sweep/pool.ts";
import type { UnitRecord, UnitTask } from "../src/sweep/run-unit.ts";
import { planSweep } from "../src/sweep/units.ts";
import type { Figure } from "./figure.ts";

const WORKER = new URL("../src/cli/sweep-worker.ts", import.meta.url).href;
const MAIN = fileURLToPath(new URL("../src/cli/entry.ts", import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function tasksOf(file: string, horizon: string): UnitTask[] {
  const sweep = loadSweepFile(file);
  for (const c of sweep.cells) {
    c.overrides.push({ path: ["horizon"], value: horizon, origin: "bench" });
    // A short smoke-run horizon must not fall inside the base scenario's warm-up (mixed-fleet: 1h).
    c.overrides.push({ path: ["warmup"], value: "0s", origin: "bench" });
  }
  const plan = planSweep(sweep, (sc, names) => selectStrategies("sweep", sc.strategies, names));
  const cells = new Map(sweep.cells.map((c) => [c.index, c]));
  return plan.units.map((u) => ({
    key: u.key,
    cell: u.cell,
    seed: u.seed,
    scenarioFile: sweep.scenarioFile,
    overrides: cells.get(u.cell)!.overrides,
    strategies: sweep.strategies,
  }));
}

async function timed(tasks: UnitTask[], workers: number): Promise<{ wall: number; unitSeconds: number }> {
  const t0 = performance.now();
  const records = await runOnPool<UnitTask, UnitRecord>(tasks, { workers, workerUrl: WORKER });
  const wall = (performance.now() - t0) / 1000;
  return { wall, unitSeconds: records.reduce((s, r) => s + r.timing.wallSeconds, 0) };
}

/**
 * The same units on a warm pool: every thread started, tsx loaded and each cell's scenario compiled by a
 * first, untimed pass; only the second pass is timed. This is the pool's throughput once running (what a
 * long sweep sees), without the start-up a short sweep pays.
 */
async function timedWarm(tasks: UnitTask[], workers: number): Promise<number> {
  const pool = new WorkerPool<UnitTask, UnitRecord>({ workers, workerUrl: WORKER });
  try {
    await Promise.all(tasks.map((t) => pool.run(t)));
    const t0 = performance.now();
    await Promise.all(tasks.map((t) => pool.run(t)));
    return (performance.now() - t0) / 1000;
  } finally {
    await pool.destroy();
  }
}

export async function sweepBenchmark(options: {
  rounds: number;
  horizon: string;
  plan: boolean;
}): Promise<Figure[]> {
  const tasks = tasksOf("scenarios/sweeps/mixed-fleet-growth.yaml", options.horizon);
  const ratios: number[] = [];
  const overheads: number[] = [];
  const load = [loadavg()[0]!];
  const warmRatios: number[] = [];
  const unitSeconds: number[] = [];
  for (let r = 0; r < options.rounds; r++) {
    const one = await timed(tasks, 1);
    const two = await timed(tasks, 2);
    ratios.push(one.wall / two.wall);
    overheads.push((one.wall - one.unitSeconds) / tasks.length);
    unitSeconds.push(one.unitSeconds / tasks.length);
    warmRatios.push((await timedWarm(tasks, 1)) / (await timedWarm(tasks, 2)));
    load.push(loadavg()[0]!);
  }
  const figures: Figure[] = [
    {
      name: `sweep speedup, 2 workers over 1 (mixed-fleet-growth, ${tasks.length} units at horizon ${options.horizon}; rounds: ${ratios.map((x) => x.toFixed(2)).join(", ")}; load average ${load.map((l) => l.toFixed(1)).join(" -> ")})`,
      value: median(ratios),
      unit: "x",
      target: { atLeast: 1.7 },
    },
    {
      name: `sweep speedup on a warm pool, 2 workers over 1 (the same units, threads started and scenarios compiled by an untimed first pass; rounds: ${warmRatios.map((x) => x.toFixed(2)).join(", ")}; mean unit ${median(unitSeconds).toFixed(2)} s on 1 worker)`,
      value: median(warmRatios),
      unit: "x",
      target: { atLeast: 1.7 },
    },
    {
      name: `overhead per unit on 1 worker: pool wall time minus the units' own time (rounds: ${overheads.map((x) => (x * 1000).toFixed(0)).join(", ")} ms)`,
      value: median(overheads) * 1000,
      unit: "ms/unit",
    },
  ];
  if (options.plan) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        MAIN,
        "plan",
        "scenarios/mixed-fleet.yaml",
        "--slo",
        "placementDelay.p99 <= 60s",
        "--workers",
        "2",
      ],
      { encoding: "utf8" },
    );
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`berth plan failed: ${r.stderr}`);
    const runs = /(\d+) simulation runs/.exec(r.stdout)?.[1] ?? "?";
    figures.push({
      name: `berth plan scenarios/mixed-fleet.yaml --slo "placementDelay.p99 <= 60s" on 2 workers, process start to exit (${runs} simulation runs; load average ${loadavg()[0]!.toFixed(1)})`,
      value: seconds,
      unit: "s",
      target: { atMost: 60 },
    });
  }
  return figures;
}
