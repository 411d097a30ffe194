/**
 * The strategy API. Every placement strategy, built-in or user-written, is one `defineStrategy({...})`.
 *
 * A strategy implements any of three extension points (the idea of the Kubernetes scheduling framework):
 *   filter(i, task) -> boolean   hard: false excludes instance i (after resources and constraints);
 *   score(i, task)  -> number    soft: lower is better; a chain compares scores lexicographically, each
 *                                later step breaking the ties of the earlier ones, remaining ties at random;
 *   place(task, candidates) -> instance id or -1
 *                                the whole decision, for batch or look-ahead logic: gets every instance
 *                                that passed all filters and returns one of them (or -1: leave it pending).
 * `setup(ctx)` runs once per run with the step's `field`, a read-only cluster view, the scenario's task-shape
 * mix and a seeded random stream, and returns the hooks. A strategy with only hooks needs no setup.
 */
import type { Rng } from "../core/random.ts";
import type { ClusterView } from "./cluster-view.ts";
import type { RebalanceHook, RebalanceView, TaskMove } from "./rebalance-api.ts";
import type { TaskView } from "./task-view.ts";

export type { TaskView } from "./task-view.ts";

/** One task shape of the scenario's workload and its share of arrivals (weights sum to 1). */
export interface ShapeShare {
  readonly family: string;
  readonly cpu: number;
  readonly memory: number;
  readonly gpu: number;
  readonly eni: number;
  readonly weight: number;
}

export interface StrategyContext {
  /** The step's `field` (binpack's "memory", spread's "attribute:..."), if any. */
  readonly field: string | undefined;
  readonly cluster: ClusterView;
  /** Seeded per (run seed, step): same sequence for the same scenario, seed and chain. */
  readonly random: Rng;
  /** The scenario's task shapes weighted by expected arrivals. */
  readonly taskMix: readonly ShapeShare[];
}

export interface StrategyHooks {
  filter?(i: number, task: TaskView): boolean;
  score?(i: number, task: TaskView): number;
  place?(task: TaskView, candidates: readonly number[]): number;
  /** How a placement index may answer this step instead of scanning; absent: the step is scanned. */
  index?: IndexDeclaration;
  /** Later steps of the chain can never matter (set by random). */
  final?: boolean;
  /**
   * Periodic task moves (rebalance-api.ts): runs every `rebalance.every` of the strategy (default 5 min) and
   * returns the service tasks to move. At most one step of a chain may define it.
   */
  rebalance?: RebalanceHook;
}

/**
 * What a placement index stores for a step whose score is instance-local (docs/performance.md):
 *   "score"       the score itself;
 *   "freeCpu"     the instance's free CPU ("freeMemory": memory), when the score is that minus the task's
 *                 demand (same order, same ties: binpack);
 *   "groupCount"  the running tasks of the task's group on the instance, when that is the score (spread);
 *   "instanceId"  the instance id, when that is the score (first-fit): no two instances tie;
 *   "constant"    nothing: every instance ties (random).
 */
export type IndexKey =
  | "score"
  | "shapeScore"
  | "freeCpu"
  | "freeMemory"
  | "groupCount"
  | "instanceId"
  | "constant";

/**
 * A step's promise about its score, which lets a placement index keep the ranking current from change
 * notifications instead of scoring every instance per decision:
 *   { local: KEY }        the score of instance i reads only i's own state and the task (its size, its
 *                         group's count on i), so it changes only when i changes; KEY says what to store
 *                         ("score": the score itself, ranked per task group and shape; "shapeScore": the
 *                         score itself when it never reads the task's group, so one ranking per shape
 *                         serves every group);
 *   { attribute: NAME }   the score is the same for every instance sharing a value of attribute NAME
 *                         (spread over an attribute), and changes only with the tasks in that bucket.
 * A wrong declaration makes the index disagree with the scan; test/placement/index checks the built-ins.
 */
export type IndexDeclaration = { readonly local: IndexKey } | { readonly attribute: string };

export interface StrategyDefinition {
  readonly name: string;
  readonly description: string;
  /**
   * Named chains of this strategy offered as --strategy NAME (presets.ts), each step's field in order;
   * absent: one preset named like the strategy, without a field.
   */
  readonly presets?: Readonly<Record<string, readonly (string | undefined)[]>>;
  /** Builds the hooks for one run. Throw an Error naming what is wrong with `ctx.field` to reject it. */
  setup(ctx: StrategyContext): StrategyHooks;
}

/** Hooks written without setup receive the run context as their last argument. */
export interface ContextHooks {
  filter?(i: number, task: TaskView, ctx: StrategyContext): boolean;
  score?(i: number, task: TaskView, ctx: StrategyContext): number;
  place?(task: TaskView, candidates: readonly number[], ctx: StrategyContext): number;
  rebalance?(view: RebalanceView, now: number, ctx: StrategyContext): readonly TaskMove[];
}

interface StrategyIdentity {
  name: string;
  description?: string;
  presets?: Readonly<Record<string, readonly (string | undefined)[]>>;
}

export type StrategyInput =
  | (StrategyIdentity & { setup(ctx: StrategyContext): StrategyHooks })
  | (StrategyIdentity & ContextHooks & { index?: IndexDeclaration });

/** Identity helper for type inference; normalizes hook-only definitions to `setup`. */
export function defineStrategy(input: StrategyInput): StrategyDefinition {
  if (typeof input.name !== "string" || input.name === "")
    throw new Error("defineStrategy needs a non-empty name");
  const description = input.description ?? input.name;
  const presets = input.presets !== undefined ? { presets: input.presets } : {};
  if ("setup" in input && typeof input.setup === "function") {
    return { name: input.name, description, ...presets, setup: input.setup };
  }
  const hooks = input as ContextHooks & { index?: IndexDeclaration };
  const { filter, score, place, rebalance, index } = hooks;
  if (!filter && !score && !place && !rebalance)
    throw new Error(`strategy "${input.name}" defines none of setup, filter, score, place, rebalance`);
  return {
    name: input.name,
    description,
    ...presets,
    setup: (ctx) => {
      if (ctx.field !== undefined) throw new Error(`${input.name} takes no field (got "${ctx.field}")`);
      const out: StrategyHooks = {};
      if (filter) out.filter = (i, task) => filter.call(hooks, i, task, ctx);
      if (score) out.score = (i, task) => score.call(hooks, i, task, ctx);
      if (place) out.place = (task, candidates) => place.call(hooks, task, candidates, ctx);
      if (rebalance) out.rebalance = (view, now) => rebalance.call(hooks, view, now, ctx);
      if (index) out.index = index;
      return out;
    },
  };
}

/** Thrown when a strategy misbehaves during a run; the run is reported as failed (exit 1). */
export class StrategyError extends Error {
  override name = "StrategyError";
}

export function fieldText(field: string | undefined): string {
  return field === undefined ? "nothing" : `"${field}"`;
}
