/**
 * Every built-in placement strategy step, by its ECS `type`. Adding a step type means adding a file in
 * strategies/ and one line here.
 */
import type { PlacementStrategyStep, Ranker, StepEnvironment, StepFactory } from "./step.ts";
import { binpack } from "./strategies/binpack.ts";
import { firstFit } from "./strategies/first-fit.ts";
import { random } from "./strategies/random.ts";
import { spread } from "./strategies/spread.ts";

export const STEP_TYPES = { binpack, spread, random, "first-fit": firstFit } satisfies Record<
  string,
  StepFactory
>;
export type StepType = keyof typeof STEP_TYPES;

/** ECS allows at most five strategies in one chain. */
export const MAX_CHAIN_LENGTH = 5;

/** The service default of ECS: spread across availability zones, then across instances. */
export const DEFAULT_CHAIN: PlacementStrategyStep[] = [
  { type: "spread", field: "attribute:ecs.availability-zone" },
  { type: "spread", field: "instanceId" },
];

/**
 * Compiles a chain into rankers, cut at the first random step. Throws an Error whose message starts with
 * the index of the offending step, e.g. "1: binpack field must be ...".
 */
export function compileChain(steps: PlacementStrategyStep[], env: StepEnvironment): Ranker[] {
  if (steps.length > MAX_CHAIN_LENGTH) {
    throw new Error(`a chain holds at most ${MAX_CHAIN_LENGTH} strategies (got ${steps.length})`);
  }
  const rankers: Ranker[] = [];
  for (const [index, step] of steps.entries()) {
    const factory = (STEP_TYPES as Record<string, StepFactory>)[step.type];
    if (!factory)
      throw new Error(
        `${index}: unknown strategy type "${step.type}" (known: ${Object.keys(STEP_TYPES).join(", ")})`,
      );
    let ranker: Ranker | "random";
    try {
      ranker = factory(step.field, env);
    } catch (e) {
      throw new Error(`${index}: ${(e as Error).message}`);
    }
    if (ranker === "random") break;
    rankers.push(ranker);
  }
  return rankers;
}
