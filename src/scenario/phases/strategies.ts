/**
 * Phase "strategies": each strategy's placement chain checked as it will run (strategy files stand in until
 * `berth run` loads them), its placement constraints counted against the ECS limit with each workload's,
 * its capacity provider strategy resolved and its rebalancer named in the description.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Cluster } from "../../model/cluster.ts";
import { ClusterView } from "../../placement/cluster-view.ts";
import { MAX_CONSTRAINTS } from "../../placement/constraints.ts";
import { ChainError, compileChain, DEFAULT_CHAIN, isModulePath } from "../../placement/registry.ts";
import { describeChain, type StrategySpec } from "../../placement/strategy-spec.ts";
import { TaskGroups } from "../../placement/task-groups.ts";
import type { FieldPath } from "../problems.ts";
import type { CompilePhase } from "./context.ts";
import { resolveStrategy } from "./provider-strategies.ts";
import { serviceConstraintCount } from "./service-placement.ts";

export const strategiesPhase: CompilePhase = {
  name: "strategies",
  reads: ["strategies", "seed"],
  uses: ["provider strategies"],
  run(ctx) {
    const { s, report, baseDir, sources, definitionConstraints, strategyNames: names } = ctx;
    const portUniverse = [...new Set(ctx.shapes.flatMap((sh) => sh.staticPorts))];
    const probe = new Cluster(portUniverse);
    const probeGroups = new TaskGroups(probe);
    const env = { view: new ClusterView(probe, probeGroups), groups: probeGroups, seed: s.seed, taskMix: [] };
    ctx.strategies = s.strategies.map((st, i): StrategySpec => {
      if (names.has(st.name)) report.error(["strategies", i, "name"], `duplicate strategy name "${st.name}"`);
      names.add(st.name);
      const chain = st.placementStrategy ?? DEFAULT_CHAIN;
      const modulePaths: Record<string, string> = Object.create(null);
      chain.forEach((step, k) => {
        if (!isModulePath(step.type)) return;
        const path = resolve(baseDir, step.type);
        if (!existsSync(path))
          report.error(["strategies", i, "placementStrategy", k, "type"], `no strategy file at ${step.type}`);
        modulePaths[step.type] = path;
      });
      // Steps naming strategy files are checked when the files load (berth run); the others now, with a
      // stand-in for each file.
      const stubs = new Map(
        Object.keys(modulePaths).map((type) => [type, { name: type, description: type, setup: () => ({}) }]),
      );
      try {
        compileChain(chain, { ...env, modules: stubs });
      } catch (e) {
        const at: FieldPath = ["strategies", i, "placementStrategy"];
        if (e instanceof ChainError) report.error(e.step === undefined ? at : [...at, e.step], e.detail);
        else report.error(at, (e as Error).message);
      }
      const constraints = ctx.constraints(st.placementConstraints, ["strategies", i, "placementConstraints"]);
      sources.forEach((src, k) => {
        const fromDefinitions = Math.max(
          ...src.mix.map((entry) => definitionConstraints[entry.shape]?.length ?? 0),
        );
        const total = (src.constraints?.length ?? 0) + fromDefinitions + constraints.length;
        if (constraints.length > 0 && total > MAX_CONSTRAINTS)
          report.error(
            ["strategies", i, "placementConstraints"],
            `tasks of workload ${k} would carry ${total} placement constraints with this strategy's; ECS allows at most ${MAX_CONSTRAINTS}`,
          );
      });
      ctx.services.forEach((sv) => {
        const total = serviceConstraintCount(sv, definitionConstraints) + constraints.length;
        if (constraints.length > 0 && total > MAX_CONSTRAINTS)
          report.error(
            ["strategies", i, "placementConstraints"],
            `tasks of service ${sv.name} would carry ${total} placement constraints with this strategy's; ECS allows at most ${MAX_CONSTRAINTS}`,
          );
      });
      const providerStrategy = st.capacityProviderStrategy
        ? resolveStrategy(
            st.capacityProviderStrategy,
            ["strategies", i, "capacityProviderStrategy"],
            ctx.providers,
            report,
          )
        : undefined;
      const rebalance = st.rebalance;
      if (rebalance?.rebalancer === "strategy-file" && Object.keys(modulePaths).length === 0)
        report.error(
          ["strategies", i, "rebalance", "rebalancer"],
          "strategy-file runs the rebalance(view, now) hook of a strategy file in placementStrategy, and this chain names none",
        );
      const described =
        describeChain(chain) + (rebalance ? ` + ${rebalance.rebalancer} every ${rebalance.every}s` : "");
      return {
        name: st.name,
        description: st.description ?? described,
        placementStrategy: chain,
        ...(rebalance ? { rebalance } : {}),
        constraints,
        ...(Object.keys(modulePaths).length > 0 ? { modulePaths } : {}),
        ...(providerStrategy ? { providerStrategy } : {}),
      };
    });
  },
};
