/**
 * Phase "workload": each workload source to what the run draws from (its task definitions and their weights,
 * durations, arrival process, capacity provider strategy and placement constraints), a `trace:` source to
 * its compiled trace (trace.ts); and the check that the scenario has some work at all.
 */

import type { DistributionSpec } from "../../core/distributions.ts";
import { MAX_CONSTRAINTS } from "../../placement/constraints.ts";
import type { MixEntrySpec, WorkloadSource } from "../compiled.ts";
import type { FieldPath } from "../problems.ts";
import type { Scenario } from "../schema.ts";
import type { CompileContext, CompilePhase } from "./context.ts";
import { resolveStrategy } from "./provider-strategies.ts";
import { compileTrace, traceSource } from "./trace.ts";

export const workloadPhase: CompilePhase = {
  name: "workload",
  reads: ["workload", "horizon", "seed"],
  uses: ["task definitions", "provider strategies"],
  run(ctx) {
    const { s, report } = ctx;
    s.workload.forEach((w, i) => {
      if (w.trace) {
        const trace = compileTrace(w.trace, ["workload", i, "trace"], ctx);
        if (!trace) return;
        ctx.traceHash += trace.hash;
        const own = ctx.constraints(w.placementConstraints, ["workload", i, "placementConstraints"]);
        ctx.sources.push(traceSource(w, i, trace, own));
        return;
      }
      const source = compileSource(w, i, ctx);
      if (!source) return;
      const own = ctx.constraints(w.placementConstraints, ["workload", i, "placementConstraints"]);
      const most = Math.max(
        ...source.mix.map((entry) => ctx.definitionConstraints[entry.shape]?.length ?? 0),
      );
      if (own.length + most > MAX_CONSTRAINTS)
        report.error(
          ["workload", i, "placementConstraints"],
          `tasks of this workload would carry ${own.length + most} placement constraints (task definition's and workload's); ECS allows at most ${MAX_CONSTRAINTS}`,
        );
      ctx.sources.push({ ...source, constraints: own });
    });
    if (ctx.valid("services") && s.workload.length === 0 && (s.services ?? []).length === 0)
      report.error(["workload"], "a scenario needs a workload source or a service");
  },
};

function compileSource(
  w: Scenario["workload"][number],
  i: number,
  ctx: CompileContext,
): WorkloadSource | undefined {
  const at: FieldPath = ["workload", i];
  const entries = w.mix ?? [
    { taskDefinition: w.taskDefinition!, weight: 1, duration: undefined, group: undefined },
  ];
  const mix: MixEntrySpec[] = [];
  entries.forEach((e, j) => {
    const where: FieldPath = w.mix ? [...at, "mix", j] : at;
    const shape = ctx.family(e.taskDefinition, [...where, "taskDefinition"]);
    if (shape === undefined) return;
    const duration = (e.duration ?? w.duration) as DistributionSpec | undefined;
    if (!duration) {
      ctx.report.error([...where, "duration"], "needs a duration (here or on the workload source)");
      return;
    }
    mix.push({
      shape,
      weight: e.weight,
      group: e.group ?? w.group ?? `family:${e.taskDefinition}`,
      duration,
    });
  });
  const providerStrategy = w.capacityProviderStrategy
    ? resolveStrategy(
        w.capacityProviderStrategy,
        [...at, "capacityProviderStrategy"],
        ctx.providers,
        ctx.report,
      )
    : ctx.defaultStrategy;
  const first = mix[0];
  if (!first || mix.length !== entries.length) return undefined;
  return {
    name: w.name ?? `${w.mix ? "mix" : w.taskDefinition}#${i}`,
    shape: first.shape,
    group: first.group,
    arrival: w.arrival!,
    duration: first.duration,
    mix,
    providerStrategy,
    ...(w.capacityProviderStrategy ? {} : { usesDefaultProviders: true }),
  };
}
