/**
 * The scenario's task-shape mix: each task definition's share of the tasks the workload is expected to
 * submit over the horizon (rate x horizon, or the counts of bursts and schedules), split over a source's
 * mix by weight, plus each service's desired count.
 * Fragmentation-aware strategies weigh "could this shape still fit here" by these shares.
 */
import type { ShapeShare } from "../placement/strategy.ts";
import type { CompiledScenario } from "./compile.ts";

export function taskMixOf(scenario: CompiledScenario): ShapeShare[] {
  const expected = new Float64Array(scenario.shapes.length);
  for (const s of scenario.sources) {
    if (s.trace) {
      // A replayed trace: its own tasks per shape (counted up to the horizon at compile time).
      for (const [shape, count] of s.trace.shapeCounts)
        expected[shape]! += count * (s.trace.options.factor ?? 1);
      continue;
    }
    const n = Math.max(0, expectedArrivals(s.arrival, scenario.horizon));
    const totalWeight = s.mix.reduce((w, entry) => w + entry.weight, 0);
    for (const entry of s.mix) expected[entry.shape]! += (n * entry.weight) / totalWeight;
  }
  // A service keeps desiredCount tasks alive: count them once (what occupies the cluster at a time).
  for (const svc of scenario.dynamics.services) expected[svc.shape]! += svc.daemon ? 1 : svc.desiredCount;
  const total = expected.reduce((x, y) => x + y, 0);
  return scenario.shapes.flatMap((sh, k) =>
    expected[k]! > 0
      ? [
          {
            family: sh.family,
            cpu: sh.cpu,
            memory: sh.memory,
            gpu: sh.gpu,
            eni: sh.eni,
            weight: expected[k]! / total,
          },
        ]
      : [],
  );
}

/** Expected arrivals of one source before the horizon (mean rates for time-varying processes). */
function expectedArrivals(a: CompiledScenario["sources"][number]["arrival"], horizon: number): number {
  const perSecond = (r: { ratePerSecond?: number; ratePerMinute?: number; ratePerHour?: number }) =>
    r.ratePerSecond ?? (r.ratePerMinute !== undefined ? r.ratePerMinute / 60 : (r.ratePerHour ?? 0) / 3600);
  switch (a.type) {
    case "poisson":
    case "sinusoid":
      return perSecond(a) * horizon;
    case "interval":
      return a.every > 0 ? Math.floor((horizon - (a.start ?? 0)) / a.every) + 1 : 1;
    case "burst":
      return a.count;
    case "schedule":
      return a.at.filter((t) => t <= horizon).length * a.count;
    case "piecewise":
      return a.rates.reduce((sum, piece, k) => {
        const until = Math.min(a.rates[k + 1]?.from ?? horizon, horizon);
        return sum + perSecond(piece) * Math.max(0, until - piece.from);
      }, 0);
  }
}
