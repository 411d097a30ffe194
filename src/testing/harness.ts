/**
 * Drives a strategy decision by decision on a test cluster, through the same pipeline a run uses
 * (resources, ports and constraints first, then the chain's filters, scores or place, ties broken by a
 * seeded stream): which instance it picks, what it scores each instance, and placing tasks one by one.
 */
import { createStream } from "../core/random.ts";
import type { PlacementShape } from "../model/cluster.ts";
import { Placer } from "../placement/placer.ts";
import { type CompiledChain, compileChain } from "../placement/registry.ts";
import type { PlacementStrategyStep } from "../placement/step.ts";
import type { ShapeShare, StrategyDefinition } from "../placement/strategy.ts";
import { Decision } from "../placement/task-view.ts";
import type { TestCluster } from "./cluster.ts";

export interface HarnessOptions {
  /** The step's `field` for a single strategy (binpack's "memory"). */
  field?: string;
  /** Seed of the strategy's random stream and of tie-breaking (default 1). */
  seed?: number;
  /** The workload's task-shape mix the strategy's setup sees (default none). */
  taskMix?: ShapeShare[];
}

export class StrategyHarness {
  readonly chain: CompiledChain;
  /** The decision pipeline; after a failed choose, `placer.failureReason` says why (ECS reason key). */
  readonly placer: Placer;

  /**
   * `strategy`: a strategy from defineStrategy, a built-in's name ("binpack"), or a whole chain of steps
   * ([{ type: "spread", field: "attribute:ecs.availability-zone" }, { type: "binpack", field: "memory" }]).
   */
  constructor(
    readonly env: TestCluster,
    strategy: StrategyDefinition | string | PlacementStrategyStep[],
    options: HarnessOptions = {},
  ) {
    const seed = options.seed ?? 1;
    let steps: PlacementStrategyStep[];
    const modules = new Map<string, StrategyDefinition>();
    if (typeof strategy === "string") steps = [{ type: strategy, ...fieldOf(options) }];
    else if (Array.isArray(strategy)) steps = strategy;
    else {
      // A user strategy enters the chain as a module step, as a strategy file does in a scenario.
      const type = `./${strategy.name}.strategy`;
      modules.set(type, strategy);
      steps = [{ type, ...fieldOf(options) }];
    }
    this.chain = compileChain(steps, {
      view: env.view,
      groups: env.groups,
      seed,
      taskMix: options.taskMix ?? [],
      modules,
    });
    this.placer = new Placer(env.cluster, this.chain, createStream(seed, "tie-break"));
  }

  /** The instance the strategy picks for one task of `group` (-1 when none fits); nothing is reserved. */
  choose(shape: PlacementShape, group = "g"): number {
    return this.placer.choose(this.decision(shape, group));
  }

  /** Chooses and, when an instance was found, reserves the task there; returns the instance (or -1). */
  place(shape: PlacementShape, group = "g"): number {
    const i = this.choose(shape, group);
    if (i >= 0) this.put(shape, i, group);
    return i;
  }

  /** Reserves a task of `group` on instance i (setting up a starting state). */
  put(shape: PlacementShape, i: number, group = "g"): void {
    this.env.cluster.reserve(shape, i);
    this.env.groups.add(this.env.groups.id(group), i, 1);
  }

  /** The score of step `step` (default the first) for instance i and one task of `group`. */
  score(shape: PlacementShape, i: number, group = "g", step = 0): number {
    const score = this.chain.scores[step];
    if (!score) throw new Error(`step ${step} of the chain has no score`);
    return score(i, this.decision(shape, group));
  }

  /** A decision for one task of `group`, as the simulator prepares it. */
  decision(shape: PlacementShape, group = "g"): Decision {
    const d = new Decision(shape);
    d.groupId = this.env.groups.id(group);
    d.group = group;
    return d;
  }
}

function fieldOf(options: HarnessOptions): { field?: string } {
  return options.field === undefined ? {} : { field: options.field };
}
