/**
 * The placers of services that name their own placementStrategy (docs/scenarios.md, "Services with their own
 * placement"): one Placer per such service, with its own compiled chain, its own tie-break stream and, where
 * the chain is indexable, its own placement index (index/create-index.ts), so a service's own binpack or
 * spread costs what the run's does. Services without a chain of their own get null: the run's placer places
 * them. A run whose services name no chain builds nothing.
 */
import { createStream } from "../core/random.ts";
import type { Cluster, PlacementShape } from "../model/cluster.ts";
import { ClusterView } from "../placement/cluster-view.ts";
import { createDecisionIndex } from "../placement/index/create-index.ts";
import { Placer } from "../placement/placer.ts";
import { compileChain } from "../placement/registry.ts";
import { describeChain } from "../placement/strategy-spec.ts";
import type { TaskGroups } from "../placement/task-groups.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import { taskMixOf } from "../scenario/task-mix.ts";

export function servicePlacers(
  scenario: CompiledScenario,
  seed: number,
  env: { cluster: Cluster; groups: TaskGroups; shapes: PlacementShape[] },
  scanOnly: boolean,
): (Placer | null)[] {
  const services = scenario.dynamics.services;
  if (!services.some((s) => s.placementStrategy !== undefined)) return [];
  const { cluster, groups, shapes } = env;
  const view = new ClusterView(cluster, groups);
  const taskMix = taskMixOf(scenario);
  return services.map((s) => {
    if (s.placementStrategy === undefined) return null;
    // Streams keyed by the service's name: its draws do not depend on the run's strategy or on other services.
    const prefix = `service/${s.name}/`;
    const chain = compileChain(s.placementStrategy, { view, groups, seed, taskMix, streamPrefix: prefix });
    const tieBreak = createStream(seed, `${prefix}tie-break`);
    const index = scanOnly ? undefined : createDecisionIndex(chain, { cluster, groups }, shapes, tieBreak);
    return new Placer(
      cluster,
      chain,
      tieBreak,
      `service ${s.name}: ${describeChain(s.placementStrategy)}`,
      index,
    );
  });
}
