/**
 * A synthetic scenario fitted to imported tasks, to extrapolate beyond the recorded window:
 * - arrivals: a piecewise Poisson process whose rate in each hour of the day is the trace's mean number of
 *   submissions in that hour of the day (over the days the trace covers), repeated every day of the horizon;
 * - tasks: the joint empirical mix of shape x duration: one task definition per distinct (cpu, memory,
 *   GPUs, ports) among the `maxShapes` most frequent, chosen with weight = its task count, each with an
 *   empirical duration distribution of up to `maxDurations` quantiles of that shape's own durations.
 * Lost on the way (named in the description): GPU shares (gpuMilli has no task-definition form), per-row
 * constraints and groups, shapes beyond maxShapes; a task that never ended gets the trace's span.
 */
import type { TraceRow } from "../trace/trace-row.ts";
import type { ImportResult } from "./import-result.ts";
import { clusterDocument } from "./write-import.ts";

export interface SyntheticOptions {
  maxShapes?: number;
  maxDurations?: number;
  /** Horizon of the synthetic scenario, seconds (default: the trace's span). */
  horizon?: number;
}

export function synthesize(r: ImportResult, name: string, o: SyntheticOptions = {}): Record<string, unknown> {
  const maxShapes = o.maxShapes ?? 20;
  const maxDurations = o.maxDurations ?? 50;
  const tasks = r.tasks;
  const span = Math.max(3600, ...tasks.map((t) => t.submit));
  const horizon = o.horizon ?? Math.ceil(span / 3600) * 3600;
  const days = Math.max(1, span / 86400);
  const perHour = new Float64Array(24);
  const byShape = new Map<string, { row: TraceRow; n: number; durations: number[] }>();
  let shares = 0;
  for (const t of tasks) {
    perHour[Math.floor((t.submit % 86400) / 3600)]! += t.count;
    if (t.gpuMilli > 0) {
      shares += t.count;
      continue;
    }
    const key = `${t.cpu}/${t.memory}/${t.gpu}/${t.ports.join(" ")}`;
    let s = byShape.get(key);
    if (!s) {
      s = { row: t, n: 0, durations: [] };
      byShape.set(key, s);
    }
    s.n += t.count;
    s.durations.push(Number.isFinite(t.duration) ? t.duration : horizon);
  }
  const ranked = [...byShape.values()].sort((a, b) => b.n - a.n);
  const kept = ranked.slice(0, maxShapes);
  const dropped = ranked.slice(maxShapes).reduce((n, s) => n + s.n, 0);
  const taskDefinitions = kept.map((s, k) => ({
    family: `shape-${k + 1}`,
    containerDefinitions: [
      {
        name: "main",
        cpu: s.row.cpu,
        memory: Math.max(1, s.row.memory),
        ...(s.row.gpu > 0 ? { resourceRequirements: [{ type: "GPU", value: String(s.row.gpu) }] } : {}),
        ...(s.row.ports.length > 0
          ? {
              portMappings: s.row.ports.map((p) => {
                const [port, protocol] = p.split("/");
                return { containerPort: Number(port), hostPort: Number(port), protocol };
              }),
            }
          : {}),
      },
    ],
  }));
  const mix = kept.map((s, k) => ({
    taskDefinition: `shape-${k + 1}`,
    weight: s.n,
    duration: { type: "empirical", values: quantiles(s.durations, maxDurations) },
  }));
  const rates: { from: number; ratePerHour: number }[] = [];
  for (let day = 0; day * 86400 < horizon; day++)
    for (let h = 0; h < 24; h++)
      rates.push({ from: day * 86400 + h * 3600, ratePerHour: round(perHour[h]! / days) });
  const notes = [
    `Fitted to ${tasks.length} imported task rows by berth import ${r.format} --synthetic: Poisson arrivals at the trace's mean rate per hour of day, the ${kept.length} most frequent shapes with their own empirical durations.`,
    dropped > 0 ? `${dropped} tasks of rarer shapes are not represented.` : "",
    shares > 0 ? `${shares} GPU-share tasks (gpuMilli) are not represented.` : "",
    "Per-task constraints and groups are not kept.",
  ].filter(Boolean);
  return {
    name: `${name}-synthetic`.replace(/[^A-Za-z0-9._-]/g, "-"),
    description: notes.join(" "),
    seed: 1,
    replications: 3,
    horizon,
    cluster: clusterDocument(r),
    taskDefinitions,
    workload: [{ name: `${r.format}-fitted`, arrival: { type: "piecewise", rates }, mix }],
    strategies: [
      { name: "binpack-memory", placementStrategy: [{ type: "binpack", field: "memory" }] },
      { name: "spread-instance", placementStrategy: [{ type: "spread", field: "instanceId" }] },
      { name: "fragmentation-aware", placementStrategy: [{ type: "fragmentation-aware" }] },
    ],
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Up to n values at evenly spaced quantiles of xs (all of them when there are fewer). */
export function quantiles(xs: number[], n: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length <= n) return sorted.map(round);
  return Array.from({ length: n }, (_, k) => round(sorted[Math.floor(((k + 0.5) * sorted.length) / n)]!));
}
