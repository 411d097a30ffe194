/**
 * Named strategy chains usable from the command line (--strategy NAME) without writing them in the
 * scenario. A scenario strategy with the same name takes precedence.
 */
import type { PlacementStrategyStep } from "./step.ts";
import { describeChain, type StrategySpec } from "./strategy-spec.ts";

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
  "best-fit": [{ type: "best-fit" }],
  "worst-fit": [{ type: "worst-fit" }],
  tetris: [{ type: "tetris" }],
  "best-fit-l2": [{ type: "best-fit-l2" }],
  "fragmentation-aware": [{ type: "fragmentation-aware" }],
};

export const PRESET_NAMES = Object.keys(CHAINS);

export function presetStrategy(name: string): StrategySpec | undefined {
  const chain = CHAINS[name];
  return chain && { name, description: describeChain(chain), placementStrategy: chain, constraints: [] };
}
