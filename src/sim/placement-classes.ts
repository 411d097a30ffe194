/**
 * Placement classes: tasks of one workload source or service with the same shape, group and capacity
 * provider are interchangeable for feasibility (docs/design.md), so they share one class id and one
 * compiled constraint set (the task definition's, the source's or service's, and the strategy's constraints).
 */
import type { TaskTable } from "../model/task-table.ts";
import { type ConstraintSet, compileConstraints } from "../placement/constraints.ts";
import { DEFAULT_EPOCH_MS } from "../scenario/compile.ts";
import { PlacementClassKeys } from "./placement-class-key.ts";
import type { RunContext } from "./run-context.ts";

export class PlacementClasses {
  private readonly ids = new Map<number | string, number>();
  private readonly keys: PlacementClassKeys;
  /** Each class's constraint set, or null without constraints. */
  readonly constraints: (ConstraintSet | null)[] = [];

  constructor(private readonly run: RunContext) {
    const { scenario } = run;
    this.keys = new PlacementClassKeys({
      sources: scenario.sources.length,
      services: scenario.dynamics.services.length,
      shapes: run.shapes.length,
      providers: scenario.dynamics.providers.length,
    });
  }

  /** The class of task `id` (new classes compile their constraints once). */
  of(tasks: TaskTable, id: number): number {
    return this.classOf(
      tasks.source(id),
      tasks.service(id),
      tasks.shape(id),
      tasks.group(id),
      tasks.provider(id),
    );
  }

  /** The class of tasks with these fields (source, service and provider -1 when absent). */
  classOf(source: number, service: number, shape: number, group: number, provider: number): number {
    const key = this.keys.key(source, service, shape, group, provider);
    let c = this.ids.get(key);
    if (c === undefined) {
      const { scenario, strategy } = this.run;
      c = this.constraints.length;
      this.ids.set(key, c);
      const constraints = [
        ...(scenario.definitionConstraints[shape] ?? []),
        ...((source >= 0 ? scenario.sources[source]!.constraints : undefined) ?? []),
        ...((service >= 0 ? scenario.dynamics.services[service]!.constraints : undefined) ?? []),
        ...(strategy.constraints ?? []),
      ];
      this.constraints.push(
        compileConstraints(constraints, group, {
          cluster: this.run.cluster,
          groups: this.run.groups,
          epochMs: scenario.epochMs ?? DEFAULT_EPOCH_MS,
        }),
      );
    }
    return c;
  }
}
