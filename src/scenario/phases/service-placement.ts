/**
 * Phase "service placement": a service's own placement settings (service_definition_parameters.md, "Task
 * placement"). Its placementConstraints join its task definition's (at most 10 together, and with a
 * strategy's added constraints: the strategies phase counts those) and bind under every strategy; its
 * placementStrategy is its own chain of built-in steps, which places the service's tasks under every
 * strategy of the run (docs/scenarios.md, "Services with their own placement"). Runs after "services".
 */
import { Cluster } from "../../model/cluster.ts";
import { ClusterView } from "../../placement/cluster-view.ts";
import { MAX_CONSTRAINTS, type ParsedConstraint } from "../../placement/constraints.ts";
import { ChainError, compileChain, isModulePath } from "../../placement/registry.ts";
import { TaskGroups } from "../../placement/task-groups.ts";
import type { ServiceSpec } from "../compiled.ts";
import type { FieldPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";

export const servicePlacementPhase: CompilePhase = {
  name: "service placement",
  reads: ["services", "seed", "workload", "strategies"],
  uses: ["services", "task definitions"],
  run(ctx) {
    const { s, report } = ctx;
    const probe = new Cluster([...new Set(ctx.shapes.flatMap((sh) => sh.staticPorts))]);
    const probeGroups = new TaskGroups(probe);
    const env = { view: new ClusterView(probe, probeGroups), groups: probeGroups, seed: s.seed, taskMix: [] };
    (s.services ?? []).forEach((sv, k) => {
      const spec = ctx.services[k];
      if (!spec) return;
      const at: FieldPath = ["services", k];
      const own = ctx.constraints(sv.placementConstraints, [...at, "placementConstraints"]);
      const total = own.length + definitionConstraintCount(spec, ctx.definitionConstraints);
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
        if (e instanceof ChainError)
          report.error(e.step === undefined ? where : [...where, e.step], e.detail);
        else report.error(where, (e as Error).message);
      }
    });
    warnFixedPlacement(ctx.services, s.workload.length, s.strategies.length, report);
  },
};

/** The most constraints a task of the service carries: its task definitions' (every deployment's) and its own. */
export function serviceConstraintCount(
  spec: ServiceSpec,
  definitionConstraints: ParsedConstraint[][],
): number {
  return definitionConstraintCount(spec, definitionConstraints) + (spec.constraints?.length ?? 0);
}

function definitionConstraintCount(spec: ServiceSpec, definitionConstraints: ParsedConstraint[][]): number {
  const shapes = [spec.shape, ...spec.deployments.map((d) => d.shape)];
  return Math.max(...shapes.map((shape) => definitionConstraints[shape]?.length ?? 0));
}

/**
 * Warns when no task of the scenario follows the run's strategy (every replica service names its own chain
 * and there is no workload): the strategies compared then differ only in their constraints, rebalancer and
 * capacity providers, which is rarely what a comparison means.
 */
function warnFixedPlacement(
  services: ServiceSpec[],
  workloads: number,
  strategies: number,
  report: { warn(path: FieldPath, message: string): void },
): void {
  const replicas = services.filter((sv) => !sv.daemon);
  if (strategies < 2 || workloads > 0 || replicas.length === 0) return;
  if (replicas.every((sv) => sv.placementStrategy !== undefined))
    report.warn(
      ["strategies"],
      "every service names its own placementStrategy and there is no workload: the strategies place every task the same way and differ only in their constraints, rebalancer and capacity providers",
    );
}
