/**
 * Named strategy chains usable from the command line (--strategy NAME) without writing them in the
 * scenario, derived from the registry: each built-in's declared presets (StrategyDefinition.presets), or
 * one preset named like it. A scenario strategy with the same name takes precedence.
 */
import { STRATEGIES } from "./registry.ts";
import type { PlacementStrategyStep } from "./step.ts";
import { describeChain, type StrategySpec } from "./strategy-spec.ts";

const CHAINS = new Map<string, PlacementStrategyStep[]>();
for (const [type, def] of Object.entries(STRATEGIES)) {
  const presets = def.presets ?? { [type]: [undefined] };
  for (const [name, fields] of Object.entries(presets))
    CHAINS.set(
      name,
      fields.map((field) => (field === undefined ? { type } : { type, field })),
    );
}

export const PRESET_NAMES = [...CHAINS.keys()];

export function presetStrategy(name: string): StrategySpec | undefined {
  const chain = CHAINS.get(name);
  return chain && { name, description: describeChain(chain), placementStrategy: chain, constraints: [] };
}
