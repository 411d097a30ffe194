/**
 * The scenario's task-shape mix: each task definition's share of the tasks the workload is expected to
 * submit over the horizon (poisson: rate x horizon; interval: arrivals before the horizon; burst: count).
 * Fragmentation-aware strategies weigh "could this shape still fit here" by these shares.
 */
import type { CompiledScenario } from "../scenario/compile.ts";
import type { ShapeShare } from "./strategy.ts";

export function taskMixOf(scenario: CompiledScenario): ShapeShare[] {
  const expected = new Float64Array(scenario.shapes.length);
  for (const s of scenario.sources) {
    const a = s.arrival;
    let n: number;
    if (a.type === "poisson") {
      const perSecond =
        a.ratePerSecond ?? (a.ratePerMinute !== undefined ? a.ratePerMinute / 60 : a.ratePerHour! / 3600);
      n = perSecond * scenario.horizon;
    } else if (a.type === "interval") {
      n = a.every > 0 ? Math.floor((scenario.horizon - (a.start ?? 0)) / a.every) + 1 : 1;
    } else n = a.count;
    expected[s.shape]! += Math.max(0, n);
  }
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
