import { describe, expect, it } from "vitest";
import { PRESET_NAMES, presetStrategy } from "../../src/placement/presets.ts";
import { DEFAULT_CHAIN, STRATEGIES } from "../../src/placement/registry.ts";

describe("presets", () => {
  it("derive from the registry: every built-in once, binpack and spread by their declared fields", () => {
    expect(PRESET_NAMES).toEqual([
      "binpack-cpu",
      "binpack-memory",
      "spread-az",
      "spread-instance",
      "random",
      "first-fit",
      "best-fit",
      "worst-fit",
      "tetris",
      "best-fit-l2",
      "fragmentation-aware",
    ]);
    const types = new Set(
      PRESET_NAMES.flatMap((n) => presetStrategy(n)!.placementStrategy.map((s) => s.type)),
    );
    expect([...types].sort()).toEqual(Object.keys(STRATEGIES).sort());
  });

  it("spell each chain out: spread-az is the ECS service default", () => {
    expect(presetStrategy("spread-az")).toEqual({
      name: "spread-az",
      description: "spread(attribute:ecs.availability-zone) > spread(instanceId)",
      placementStrategy: DEFAULT_CHAIN,
      constraints: [],
    });
    expect(presetStrategy("tetris")!.placementStrategy).toEqual([{ type: "tetris" }]);
    expect(presetStrategy("binpack")).toBeUndefined();
  });
});
