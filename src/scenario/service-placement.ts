/**
 * A service's own placement settings (service_definition_parameters.md, "Task placement"): its
 * placementConstraints join its task definition's (at most 10 together, and with a strategy's added
 * constraints) and bind under every strategy; its placementStrategy is its own chain of built-in steps, which
 * places the service's tasks under every strategy of the run (docs/scenarios.md, "Services with their own
 * placement").
 */
import {
  MAX_CONSTRAINTS,
  type ParsedConstraint,
  type PlacementConstraintSpec,
} from "../placement/constraints.ts";
import { ChainError, compileChain, isModulePath } from "../placement/registry.ts";
import type { StepEnvironment } from "../placement/step.ts";
import type { CompiledDynamics } from "./compile-dynamics.ts";
import type { CompileReport, FieldPath } from "./problems.ts";
import type { Scenario } from "./schema.ts";

/**
 * Parses each service's placementConstraints onto its spec and checks its placementStrategy chain (built-in
 * steps only: a strategy file is a strategy to compare, under `strategies:`).
 */
export function compileServicePlacement(
  s: Scenario,
  dynamics: CompiledDynamics,
  definitionConstraints: ParsedConstraint[][],
  constraintsOf: (list: PlacementConstraintSpec[] | undefined, at: FieldPath) => ParsedConstraint[],
  env: StepEnvironment,
  report: CompileReport,
): void {
  (s.services ?? []).forEach((sv, k) => {
    const spec = dynamics.services[k];
    if (!spec) return;
    const at: FieldPath = ["services", k];
    const own = constraintsOf(sv.placementConstraints, [...at, "placementConstraints"]);
    const total = own.length + definitionConstraintCount(dynamics, k, definitionConstraints);
    if (own.length > 0 && total > MAX_CONSTRAINTS)
      report.error(
        [...at, "placementConstraints"],
        `tasks of this service would carry ${total} placement constraints (task definition's and service's); ECS allows at most ${MAX_CONSTRAINTS}`,
      );
    if (own.length > 0) spec.constraints = own;
    const chain = spec.placementStrategy;
    if (!chain) return;
    const file = chain.findIndex((step) => isModulePath(step.type));
    if (file >= 0) {
      report.error(
        [...at, "placementStrategy", file, "type"],
        "a service's placementStrategy takes built-in strategies; compare a strategy file under strategies:",
      );
      return;
    }
    try {
      compileChain(chain, env);
    } catch (e) {
      const where: FieldPath = [...at, "placementStrategy"];
      if (e instanceof ChainError) report.error(e.step === undefined ? where : [...where, e.step], e.detail);
      else report.error(where, (e as Error).message);
    }
  });
}

/** The most constraints a task of service `k` carries: its task definitions' (every deployment's) and its own. */
export function serviceConstraintCount(
  dynamics: CompiledDynamics,
  k: number,
  definitionConstraints: ParsedConstraint[][],
): number {
  return (
    definitionConstraintCount(dynamics, k, definitionConstraints) +
    (dynamics.services[k]!.constraints?.length ?? 0)
  );
}

function definitionConstraintCount(
  dynamics: CompiledDynamics,
  k: number,
  definitionConstraints: ParsedConstraint[][],
): number {
  const spec = dynamics.services[k]!;
  const shapes = [spec.shape, ...spec.deployments.map((d) => d.shape)];
  return Math.max(...shapes.map((shape) => definitionConstraints[shape]?.length ?? 0));
}

/**
 * Warns when no task of the scenario follows the run's strategy (every replica service names its own chain
 * and there is no workload): the strategies compared then differ only in their constraints, rebalancer and
 * capacity providers, which is rarely what a comparison means.
 */
export function warnFixedPlacement(
  s: Scenario,
  dynamics: CompiledDynamics,
  strategies: number,
  report: CompileReport,
): void {
  const replicas = dynamics.services.filter((sv) => !sv.daemon);
  if (strategies < 2 || s.workload.length > 0 || replicas.length === 0) return;
  if (replicas.every((sv) => sv.placementStrategy !== undefined))
    report.warn(
      ["strategies"],
      "every service names its own placementStrategy and there is no workload: the strategies place every task the same way and differ only in their constraints, rebalancer and capacity providers",
    );
}
