/**
 * Loads user strategy files: `berth run s.yaml --strategy ./my-strategy.ts`, or a chain step whose type is
 * a path (resolved against the scenario's folder). A file default-exports (or exports as `strategy`)
 * either `defineStrategy({...})` or a plain object of the same shape. Problems are usage errors (exit 2).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Cluster } from "../model/cluster.ts";
import { ClusterView } from "../placement/cluster-view.ts";
import { compileChain } from "../placement/registry.ts";
import { defineStrategy, type StrategyDefinition, type StrategyInput } from "../placement/strategy.ts";
import { TaskGroups } from "../placement/task-groups.ts";
import { describeChain, type StrategySpec } from "../scenario/compile.ts";
import { UsageError } from "./usage-error.ts";

export async function loadStrategyFile(path: string, shownAs: string): Promise<StrategyDefinition> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    const first = String((e as Error)?.message ?? e).split("\n")[0];
    throw new UsageError(`cannot load strategy file ${shownAs}: ${first}`);
  }
  const exported = mod.default ?? mod.strategy;
  if (exported === null || typeof exported !== "object")
    throw new UsageError(
      `strategy file ${shownAs} exports no strategy (write: export default defineStrategy({ name, score(i, task) { ... } }))`,
    );
  try {
    const e = exported as Partial<StrategyDefinition>;
    // Already normalized by defineStrategy (name, description and setup) or a plain object to normalize.
    if (typeof e.setup === "function" && typeof e.name === "string" && typeof e.description === "string")
      return e as StrategyDefinition;
    return defineStrategy(exported as StrategyInput);
  } catch (e) {
    throw new UsageError(`strategy file ${shownAs}: ${(e as Error).message}`);
  }
}

/** Loads every strategy file the specs name and checks each chain once, so runs cannot fail on setup. */
export async function loadStrategyModules(
  specs: StrategySpec[],
  portUniverse: string[],
): Promise<StrategySpec[]> {
  const out: StrategySpec[] = [];
  for (const spec of specs) {
    if (!spec.modulePaths) {
      out.push(spec);
      continue;
    }
    const modules = new Map<string, StrategyDefinition>();
    for (const [type, path] of Object.entries(spec.modulePaths))
      modules.set(type, await loadStrategyFile(path, type));
    const probe = new Cluster(portUniverse);
    const groups = new TaskGroups(probe);
    try {
      compileChain(spec.placementStrategy, {
        view: new ClusterView(probe, groups),
        groups,
        seed: 0,
        taskMix: [],
        modules,
      });
    } catch (e) {
      throw new UsageError(`strategy "${spec.name}": step ${(e as Error).message}`);
    }
    // `--strategy ./file.ts` runs under the strategy's own name and description.
    const only = spec.placementStrategy.length === 1 ? modules.get(spec.name) : undefined;
    const named =
      only && !specs.some((s) => s.name === only.name)
        ? { name: only.name, description: only.description }
        : {};
    out.push({ ...spec, ...named, modules });
  }
  return out;
}

/** The strategy spec for `--strategy ./file.ts`: a one-step chain named after the strategy. */
export function strategySpecForFile(pathArg: string): StrategySpec {
  const chain = [{ type: pathArg }];
  return {
    name: pathArg,
    description: describeChain(chain),
    placementStrategy: chain,
    constraints: [],
    modulePaths: { [pathArg]: resolve(pathArg) },
  };
}
