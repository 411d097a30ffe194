/**
 * Task startup times (docs/dynamics.md "Task startup"): the time from placement (resources reserved) to
 * RUNNING, one distribution per task definition: its own `startupTime`, else the scenario's `startupTime`,
 * else none (the task is RUNNING the instant it is placed, as before startup times existed). Also each task
 * definition's `readyTime`: from RUNNING until its containers' health checks pass (health-check.ts).
 */
import { compileDistribution, type DistributionSpec } from "../../core/distributions.ts";
import type { CompileReport, FieldPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";

/** Phase "startup times": the startup-time distribution of each task definition (by shape index), or null. */
export const startupTimesPhase: CompilePhase = {
  name: "startup times",
  reads: ["startupTime", "taskDefinitions"],
  run(ctx) {
    const { s, report } = ctx;
    const fallback = checked(s.startupTime as DistributionSpec | undefined, ["startupTime"], report);
    ctx.startupTimes = s.taskDefinitions.map((raw, i) => {
      const own = (raw as { startupTime?: DistributionSpec }).startupTime;
      return own === undefined ? fallback : checked(own, ["taskDefinitions", i, "startupTime"], report);
    });
    ctx.readyTimes = s.taskDefinitions.map((raw, i) => {
      const own = (raw as { readyTime?: DistributionSpec }).readyTime;
      if (own !== undefined && !ctx.shapes[i]?.healthChecks)
        report.warn(
          ["taskDefinitions", i, "readyTime"],
          "readyTime only matters with a container healthCheck on an essential container",
        );
      return checked(own, ["taskDefinitions", i, "readyTime"], report);
    });
  },
};

/** The spec, or null when absent or always 0; a spec the sampler rejects is reported at its path. */
function checked(spec: DistributionSpec | undefined, at: FieldPath, report: CompileReport) {
  if (spec === undefined || (spec.type === "constant" && spec.value === 0)) return null;
  try {
    compileDistribution(spec);
  } catch (e) {
    report.error(at, (e as Error).message);
    return null;
  }
  return spec;
}
