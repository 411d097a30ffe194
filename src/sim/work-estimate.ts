/**
 * What a comparison will cost before it starts: expected task arrivals per run, metric samples per run,
 * instances, runs (strategies x seeds), the simulated events in total and the memory the kept results
 * need. `workProblem` compares the estimate with limits a laptop-sized run stays far below, so that
 * `ratePerHour: 1e9`, a horizon of 1e30 s or `--seeds 1e9` end with one clear line instead of hours of
 * work or a V8 abort; `--allow-large` skips it for people who mean it.
 *
 * Expected counts, not worst cases: Poisson, sinusoid and piecewise sources by their integrated rate,
 * interval/burst/schedule exactly, traces by their compiled task count. Services count their largest
 * desired count (each task is one arrival); crash loops and failures are not predicted (the run-time
 * event budget in run-budget.ts catches what the estimate cannot see).
 */
import type { CompiledScenario } from "../scenario/compile.ts";
import type { WorkloadSource } from "../scenario/compile-dynamics.ts";

export interface WorkEstimate {
  arrivalsPerRun: number;
  samplesPerRun: number;
  instances: number;
  runs: number;
  /** Events over every run: about three per task (arrival, start, end), one per sample and instance. */
  events: number;
  /** Bytes of results kept until the report is written (delays per task and sampled series per run). */
  keptBytes: number;
}

/** A limit for each figure of the estimate. */
export type WorkLimits = WorkEstimate;

/** Far above every shipped scenario (scale-1m: ~1e6 tasks on 1e4 instances), far below a V8 abort. */
export const DEFAULT_WORK_LIMITS: WorkLimits = {
  arrivalsPerRun: 2e7,
  samplesPerRun: 1e6,
  instances: 5e5,
  runs: 1e5,
  events: 2e9,
  keptBytes: 2e9,
};

/** Numbers in sampled series per sample (utilization, instances, pending, stranded, per-group lines). */
const SERIES_PER_SAMPLE = 24;

export function estimateWork(scenario: CompiledScenario, strategies: number, seeds: number): WorkEstimate {
  const horizon = scenario.horizon;
  let arrivals = 0;
  for (const source of scenario.sources) arrivals += expectedArrivals(source, horizon);
  for (const service of scenario.dynamics.services) {
    arrivals += Math.max(service.desiredCount, ...service.desiredCountChanges.map((c) => c.desiredCount));
  }
  const samplesPerRun = horizon / scenario.sampleEvery + 1;
  let instances = 0;
  scenario.instanceGroups.forEach((g, i) => {
    instances += Math.max(g.count, scenario.dynamics.groups[i]?.maxSize ?? 0);
  });
  const runs = strategies * seeds;
  const events = runs * (3 * arrivals + samplesPerRun + instances);
  const keptBytes = runs * (8 * arrivals + 8 * SERIES_PER_SAMPLE * samplesPerRun);
  return { arrivalsPerRun: arrivals, samplesPerRun, instances, runs, events, keptBytes };
}

function expectedArrivals(source: WorkloadSource, horizon: number): number {
  if (source.trace) {
    let tasks = 0;
    for (const n of source.trace.shapeCounts.values()) tasks += n;
    return tasks * (source.trace.options.factor ?? 1);
  }
  const a = source.arrival;
  switch (a.type) {
    case "poisson":
    case "sinusoid":
      // Thinning draws candidates at the peak rate: count those, they are the work.
      return perSecond(a) * (a.type === "sinusoid" ? 1 + a.amplitude : 1) * horizon;
    case "interval":
      return Math.max(0, horizon - (a.start ?? 0)) / a.every + 1;
    case "burst":
      return a.at <= horizon ? a.count : 0;
    case "schedule":
      return a.at.filter((t) => t <= horizon).length * a.count;
    case "piecewise": {
      const pieces = [...a.rates].sort((x, y) => x.from - y.from);
      let total = 0;
      pieces.forEach((p, k) => {
        const from = k === 0 ? 0 : Math.min(p.from, horizon);
        const to = k + 1 < pieces.length ? Math.min(pieces[k + 1]!.from, horizon) : horizon;
        if (to > from) total += perSecond(p) * (to - from);
      });
      return total;
    }
    default:
      return 0;
  }
}

function perSecond(a: { ratePerHour?: number; ratePerMinute?: number; ratePerSecond?: number }): number {
  if (a.ratePerSecond !== undefined) return a.ratePerSecond;
  if (a.ratePerMinute !== undefined) return a.ratePerMinute / 60;
  return (a.ratePerHour ?? 0) / 3600;
}

/** "2.5e+9" style for huge numbers, plain below a million. */
function figure(x: number): string {
  if (!Number.isFinite(x)) return "unbounded";
  return x < 1e6 ? String(Math.round(x)) : x.toExponential(1);
}

/** The figures checked, in the order a problem is reported: [figure, what it is, what drives it]. */
const WORK_CHECKS: [key: keyof WorkEstimate, what: string, hint: string][] = [
  ["runs", "runs (strategies x seeds)", "lower --seeds or replications"],
  ["instances", "instances", "cluster.instances count or maxSize"],
  ["arrivalsPerRun", "task arrivals per run", "arrival rates, burst counts and the horizon"],
  ["samplesPerRun", "metric samples per run", "horizon / sampleEvery"],
  ["events", "simulated events in total", "tasks x runs"],
  ["keptBytes", "memory for the kept results (bytes)", "tasks and samples x runs"],
];

/**
 * The first limit the estimate exceeds, as one sentence naming the figure, what drives it and the way out;
 * undefined when the work is within limits.
 */
export function workProblem(e: WorkEstimate, limits: WorkLimits = DEFAULT_WORK_LIMITS): string | undefined {
  const over = (what: string, value: number, limit: number, hint: string) =>
    `${what}: about ${figure(value)}, above the limit of ${figure(limit)} (${hint}); ` +
    "pass --allow-large to run it anyway";
  for (const [key, what, hint] of WORK_CHECKS)
    if (!(e[key] <= limits[key])) return over(what, e[key], limits[key], hint);
  return undefined;
}
