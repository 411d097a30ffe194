/**
 * Turns a validated scenario into what the simulator runs: resolved instance types, task shapes, workload
 * sources and strategy chains, after the checks a schema cannot express (references between sections,
 * ECS task-definition rules, strategy fields). A short driver: each named phase in SCENARIO_PHASES (one file
 * each under phases/) reads the shared context, reports problems at field paths (file:line:col once the
 * loader maps them) and fills in its part; then the result is assembled here.
 */
import { createHash } from "node:crypto";
import { dynamicsPhase } from "./compile-dynamics.ts";
import { type CompiledScenario, DEFAULT_SAMPLES } from "./compiled.ts";
import { clusterPhase } from "./phases/cluster.ts";
import { CompileContext, type CompilePhase, runPhases, type Section } from "./phases/context.ts";
import { fargatePhase } from "./phases/fargate.ts";
import { gatesPhase } from "./phases/gates.ts";
import { loadFactorPhase } from "./phases/load-factor.ts";
import { providerStrategiesPhase } from "./phases/provider-strategies.ts";
import { runWindowPhase } from "./phases/run-window.ts";
import { strategiesPhase } from "./phases/strategies.ts";
import { taskDefinitionsPhase } from "./phases/task-definitions.ts";
import { taskFitPhase } from "./phases/task-fit.ts";
import { workloadPhase } from "./phases/workload.ts";
import { platformConstraints } from "./platform-constraints.ts";
import type { CompileReport } from "./problems.ts";
import type { Scenario } from "./schema.ts";

export type { WorkloadSource } from "./compiled.ts";
export {
  type CompiledScenario,
  DEFAULT_EPOCH_MS,
  DEFAULT_SAMPLES,
  DEFAULT_START_TIME,
  type InstanceGroup,
} from "./compiled.ts";
export type { CompileReport } from "./problems.ts";

/** The phases of compileScenario, in order; "dynamics" runs compile-dynamics.ts's own list. */
export const SCENARIO_PHASES: readonly CompilePhase[] = [
  loadFactorPhase,
  runWindowPhase,
  clusterPhase,
  taskDefinitionsPhase,
  taskFitPhase,
  providerStrategiesPhase,
  workloadPhase,
  dynamicsPhase,
  strategiesPhase,
  fargatePhase,
  gatesPhase,
];

/**
 * Runs the phases on a scenario some of whose sections the schema rejected (`invalid`; each holds a neutral
 * stand-in), to report the problems of every phase whose input is sound along with the schema's.
 */
export function checkSections(
  partial: Scenario,
  invalid: ReadonlySet<Section>,
  report: CompileReport,
  baseDir = ".",
): void {
  runPhases(SCENARIO_PHASES, new CompileContext(partial, report, baseDir, invalid));
}

export function compileScenario(validated: Scenario, report: CompileReport, baseDir = "."): CompiledScenario {
  const ctx = new CompileContext(validated, report, baseDir);
  runPhases(SCENARIO_PHASES, ctx);
  const { s, shapes } = ctx;
  return {
    name: s.name,
    description: s.description ?? "",
    hash: createHash("sha256")
      .update(JSON.stringify(validated) + ctx.traceHash)
      .digest("hex"),
    seed: s.seed,
    replications: s.replications,
    horizon: s.horizon,
    warmup: ctx.warmup,
    sampleEvery: s.sampleEvery ?? s.horizon / DEFAULT_SAMPLES,
    pending: s.pending,
    awsvpcTrunking: s.cluster.awsvpcTrunking ?? false,
    instanceTypes: ctx.instanceTypes,
    instanceGroups: ctx.instanceGroups,
    shapes,
    sources: ctx.sources,
    strategies: ctx.strategies,
    portUniverse: [...new Set(shapes.flatMap((sh) => sh.staticPorts))],
    gates: ctx.gates,
    epochMs: ctx.epochMs,
    // runtimePlatform and requiresAttributes bind like constraints but are not counted among the ten.
    definitionConstraints: ctx.definitionConstraints.map((own, i) => [
      ...own,
      ...platformConstraints(shapes[i]?.platform),
    ]),
    dynamics: ctx.dynamics!,
  };
}
