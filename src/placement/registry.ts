/**
 * Every built-in placement strategy, by the name a chain step's `type` uses. Built-ins are written exactly
 * like user strategies (defineStrategy); adding one means adding a file in strategies/ and one line here.
 */
import { createStream } from "../core/random.ts";
import type { PlacementStrategyStep, StepEnvironment } from "./step.ts";
import { bestFit } from "./strategies/best-fit.ts";
import { bestFitL2 } from "./strategies/best-fit-l2.ts";
import { binpack } from "./strategies/binpack.ts";
import { firstFit } from "./strategies/first-fit.ts";
import { fragmentationAware } from "./strategies/fragmentation-aware.ts";
import { random } from "./strategies/random.ts";
import { spread } from "./strategies/spread.ts";
import { tetris } from "./strategies/tetris.ts";
import { worstFit } from "./strategies/worst-fit.ts";
import type { StrategyDefinition, StrategyHooks } from "./strategy.ts";
import type { TaskView } from "./task-view.ts";

export const STRATEGIES: Record<string, StrategyDefinition> = {
  binpack,
  spread,
  random,
  "first-fit": firstFit,
  "best-fit": bestFit,
  "worst-fit": worstFit,
  tetris,
  "best-fit-l2": bestFitL2,
  "fragmentation-aware": fragmentationAware,
};

/** ECS allows at most five strategies in one chain. */
export const MAX_CHAIN_LENGTH = 5;

/** The service default of ECS: spread across availability zones, then across instances. */
export const DEFAULT_CHAIN: PlacementStrategyStep[] = [
  { type: "spread", field: "attribute:ecs.availability-zone" },
  { type: "spread", field: "instanceId" },
];

/** A step type that names a strategy file rather than a built-in. */
export function isModulePath(type: string): boolean {
  return /^\.{0,2}\//.test(type) || /\.(ts|mts|js|mjs)$/.test(type);
}

export interface CompiledChain {
  /** Names of the steps that ran setup (a final step cuts the rest). */
  names: string[];
  filters: { step: number; name: string; test: (i: number, t: TaskView) => boolean }[];
  scores: ((i: number, t: TaskView) => number)[];
  scoreNames: string[];
  place: {
    step: number;
    name: string;
    decide: (t: TaskView, candidates: readonly number[]) => number;
  } | null;
  /** The indexed fast path of a one-step chain (StrategyHooks.select), or null. */
  select: ((t: TaskView) => ArrayLike<number> | null) | null;
}

/**
 * Compiles a chain for one run. Throws an Error whose message starts with the index of the offending
 * step, e.g. "1: binpack field must be ...".
 */
export function compileChain(steps: PlacementStrategyStep[], env: StepEnvironment): CompiledChain {
  if (steps.length > MAX_CHAIN_LENGTH) {
    throw new Error(`a chain holds at most ${MAX_CHAIN_LENGTH} strategies (got ${steps.length})`);
  }
  const chain: CompiledChain = {
    names: [],
    filters: [],
    scores: [],
    scoreNames: [],
    place: null,
    select: null,
  };
  let cut = false;
  for (const [index, step] of steps.entries()) {
    const def = isModulePath(step.type) ? env.modules?.get(step.type) : STRATEGIES[step.type];
    if (!def) {
      throw new Error(
        isModulePath(step.type)
          ? `${index}: strategy file "${step.type}" was not loaded`
          : `${index}: unknown strategy type "${step.type}" (known: ${Object.keys(STRATEGIES).join(", ")}, or a path to a strategy file)`,
      );
    }
    if (chain.place && !cut)
      throw new Error(`${index}: nothing may follow "${chain.place.name}", which decides with place()`);
    let hooks: StrategyHooks;
    try {
      hooks = def.setup({
        field: step.field,
        cluster: env.view,
        random: createStream(env.seed, `strategy/${index}/${def.name}`),
        taskMix: env.taskMix,
      });
    } catch (e) {
      throw new Error(`${index}: ${(e as Error).message}`);
    }
    // Steps after a final one are still checked, but can never matter.
    if (cut) continue;
    chain.names.push(def.name);
    if (hooks.filter) chain.filters.push({ step: index, name: def.name, test: hooks.filter });
    if (hooks.place) {
      if (chain.scores.length > 0 || hooks.score)
        throw new Error(
          `${index}: "${def.name}" decides with place(), so no step may score before it or with it`,
        );
      chain.place = { step: index, name: def.name, decide: hooks.place };
    } else if (hooks.score) {
      chain.scores.push(hooks.score);
      chain.scoreNames.push(def.name);
    }
    if (hooks.select && steps.length === 1) chain.select = hooks.select;
    if (hooks.final) cut = true;
  }
  return chain;
}
