/**
 * Per-metric estimates across replications: every numeric leaf of the runs' metrics object becomes an
 * Estimate at the same path. Keys present in only some runs (e.g. a failure reason seen in one seed)
 * count as 0 in the others, so the mean is over all replications.
 */
import { type Estimate, estimate } from "./confidence.ts";

export type EstimateTree = { [key: string]: Estimate | EstimateTree };

export function summarizeRuns(runs: object[]): EstimateTree {
  // Keys include user names (services, reasons): no prototype, so "__proto__" is an ordinary key.
  const out: EstimateTree = Object.create(null);
  const keys = new Set<string>();
  for (const r of runs) for (const k of Object.keys(r)) keys.add(k);
  for (const key of keys) {
    const values = runs.map((r) => (r as Record<string, unknown>)[key]);
    const sample = values.find((v) => v !== undefined);
    if (typeof sample === "number") {
      out[key] = estimate(values.map((v) => (typeof v === "number" ? v : 0)));
    } else if (sample !== null && typeof sample === "object") {
      out[key] = summarizeRuns(values.map((v) => (v ?? {}) as object));
    }
  }
  return out;
}
