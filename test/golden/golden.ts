/**
 * Golden results: results.json without its `timing` objects for a few fixed scenarios, stored under
 * test/golden/expected/ (a non-JSON extension keeps formatters away from them). They pin the engine's
 * behaviour so that a speed-up cannot change a result.
 * Regenerate only for an intended behaviour change, in its own commit that says why:
 *   npx tsx test/golden/update.ts
 */
import { basename } from "node:path";
import { buildResults, type Results, serializeResults, withoutTiming } from "../../src/report/results.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";

export const GOLDEN_SCENARIOS = [
  "scenarios/overloaded.yaml",
  "test/golden/scenarios/mixed.yaml",
  "test/golden/scenarios/fail-fast.yaml",
];

export function expectedPath(scenarioFile: string): string {
  return `test/golden/expected/${basename(scenarioFile, ".yaml")}.results.golden`;
}

/** The timing-free results.json text of every strategy x seed of the scenario. */
export function goldenText(scenarioFile: string): string {
  const { scenario } = loadScenarioFile(scenarioFile);
  const results = buildResults(scenario, compare(scenario));
  return serializeResults(withoutTiming(results) as Results);
}
