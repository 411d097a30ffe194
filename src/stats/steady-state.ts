/**
 * Steady-state estimates of one run's recorded series by batch means over the measured samples
 * (replication/deletion: samples before the warm-up are deleted). See batch-means.ts for the method.
 */
import type { RunSeries } from "../metrics/run-metrics.ts";
import { type BatchMeansEstimate, batchMeans, DEFAULT_BATCHES } from "./batch-means.ts";

export interface SteadyState {
  method: "batch-means";
  batches: number;
  /** One estimate per series (null when the run has too few measured samples). */
  series: Record<Exclude<keyof RunSeries, "t">, BatchMeansEstimate | null>;
}

export function steadyState(series: RunSeries, warmup: number, batches = DEFAULT_BATCHES): SteadyState {
  const first = series.t.findIndex((t) => t >= warmup);
  const from = first < 0 ? series.t.length : first;
  const out = {} as SteadyState["series"];
  for (const key of Object.keys(series) as (keyof RunSeries)[]) {
    if (key === "t") continue;
    out[key] = batchMeans(series[key].slice(from), batches);
  }
  return { method: "batch-means", batches, series: out };
}
