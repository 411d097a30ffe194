/** --strategy NAME|PATH, shared by run, explain, diff and bench: a scenario strategy, a built-in, or a file. */
import { PRESET_NAMES, presetStrategy } from "../placement/presets.ts";
import { isModulePath } from "../placement/registry.ts";
import type { StrategySpec } from "../placement/strategy-spec.ts";
import { strategySpecForFile } from "./strategy-files.ts";
import { UsageError } from "./usage-error.ts";

/** The named strategies (scenario ones first, then built-ins, then files); `own` when none is named. */
export function selectStrategies(
  command: string,
  own: StrategySpec[],
  names: string[] | undefined,
): StrategySpec[] {
  if (!names || names.length === 0) return own;
  return names.map((name) => {
    const found = own.find((s) => s.name === name) ?? presetStrategy(name);
    if (found) return found;
    if (isModulePath(name)) return strategySpecForFile(name);
    const known = [...new Set([...own.map((s) => s.name), ...PRESET_NAMES])];
    throw new UsageError(
      `${command}: unknown strategy "${name}" (known: ${known.join(", ")}, or a ./file.ts)`,
    );
  });
}
