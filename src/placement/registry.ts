/**
 * Every built-in placement strategy, by the name a chain step's `type` uses. Built-ins are written exactly
 * like user strategies (defineStrategy); adding one means adding a file in strategies/ and one line here.
 */
import { createStream } from "../core/random.ts";
import type { RebalanceHook } from "./rebalance-api.ts";
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
import type { IndexDeclaration, StrategyDefinition, StrategyHooks } from "./strategy.ts";
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
  /**
   * The index declarations of the steps that can matter (up to a final step, or one whose scores never
   * tie), in chain order; null when one of them declares none, or the chain filters or decides with
   * place(): then only the scan answers (index/placement-index.ts reads this, never step names).
   */
  index: IndexDeclaration[] | null;
  /** The step whose strategy defines rebalance(view, now), if any (one per chain). */
  rebalance: { step: number; name: string; run: RebalanceHook } | null;
}

/** A chain that cannot run, and the step at fault (undefined: the chain as a whole). */
export class ChainError extends Error {
  override name = "ChainError";
  constructor(
    readonly step: number | undefined,
    readonly detail: string,
  ) {
    super(step === undefined ? detail : `${step}: ${detail}`);
  }
}

/** Compiles a chain for one run. Throws a ChainError naming the offending step. */
export function compileChain(steps: PlacementStrategyStep[], env: StepEnvironment): CompiledChain {
  if (steps.length > MAX_CHAIN_LENGTH) {
    throw new ChainError(
      undefined,
      `a chain holds at most ${MAX_CHAIN_LENGTH} strategies (got ${steps.length})`,
    );
  }
  const chain: CompiledChain = {
    names: [],
    filters: [],
    scores: [],
    scoreNames: [],
    place: null,
    index: [],
    rebalance: null,
  };
  let cut = false;
  /** Whether later scores can still matter to the index (not after a step whose scores never tie). */
  let ranking = true;
  for (const [index, step] of steps.entries()) {
    const def = isModulePath(step.type) ? env.modules?.get(step.type) : STRATEGIES[step.type];
    if (!def) {
      throw new ChainError(
        index,
        isModulePath(step.type)
          ? `strategy file "${step.type}" was not loaded`
          : `unknown strategy type "${step.type}" (known: ${Object.keys(STRATEGIES).join(", ")}, or a path to a strategy file)`,
      );
    }
    if (chain.place && !cut)
      throw new ChainError(index, `nothing may follow "${chain.place.name}", which decides with place()`);
    let hooks: StrategyHooks;
    try {
      hooks = def.setup({
        field: step.field,
        cluster: env.view,
        random: createStream(env.seed, `${env.streamPrefix ?? ""}strategy/${index}/${def.name}`),
        taskMix: env.taskMix,
      });
    } catch (e) {
      throw new ChainError(index, (e as Error).message);
    }
    if (hooks.rebalance) {
      if (chain.rebalance)
        throw new ChainError(
          index,
          `"${def.name}" defines rebalance(), and so does "${chain.rebalance.name}": one step of a chain may rebalance`,
        );
      chain.rebalance = { step: index, name: def.name, run: hooks.rebalance };
    }
    // Steps after a final one are still checked, but can never matter.
    if (cut) continue;
    chain.names.push(def.name);
    if (hooks.filter) chain.filters.push({ step: index, name: def.name, test: hooks.filter });
    if (hooks.place) {
      if (chain.scores.length > 0 || hooks.score)
        throw new ChainError(
          index,
          `"${def.name}" decides with place(), so no step may score before it or with it`,
        );
      chain.place = { step: index, name: def.name, decide: hooks.place };
    } else if (hooks.score) {
      chain.scores.push(hooks.score);
      chain.scoreNames.push(def.name);
    }
    if (hooks.score && ranking && chain.index !== null) {
      if (hooks.index) chain.index.push(hooks.index);
      else chain.index = null;
      if (hooks.index && "local" in hooks.index && hooks.index.local === "instanceId") ranking = false;
    }
    if (hooks.final) cut = true;
  }
  if (chain.filters.length > 0 || chain.place !== null) chain.index = null;
  return chain;
}
