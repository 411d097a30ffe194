/**
 * Named strategy chains usable from the command line (--strategy NAME) without writing them in the
 * scenario. A scenario strategy with the same name takes precedence.
 */
import type { StrategySpec } from "../scenario/compile.ts";
import { describeChain } from "../scenario/compile.ts";
import type { PlacementStrategyStep } from "./step.ts";

const CHAINS: Record<string, PlacementStrategyStep[]> = {
  "binpack-cpu": [{ type: "binpack", field: "cpu" }],
  "binpack-memory": [{ type: "binpack", field: "memory" }],
  "spread-az": [
    { type: "spread", field: "attribute:ecs.availability-zone" },
    { type: "spread", field: "instanceId" },
  ],
  "spread-instance": [{ type: "spread", field: "instanceId" }],
  random: [{ type: "random" }],
  "first-fit": [{ type: "first-fit" }],
};

export const PRESET_NAMES = Object.keys(CHAINS);

export function presetStrategy(name: string): StrategySpec | undefined {
  const chain = CHAINS[name];
  return chain && { name, description: describeChain(chain), placementStrategy: chain };
}
