/**
 * Results of shipped dynamics scenarios run through the engine (loadScenarioFile -> compare ->
 * buildResults) with two replications unless told otherwise, so the dynamics charts and sections are tested on real output.
 */
import { fileURLToPath } from "node:url";
import { buildResults, type Results } from "../../src/report/results.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { type Gate, parseGate } from "../../src/scenario/parse-gate.ts";
import { compare } from "../../src/sim/compare.ts";

export type DynamicsScenario = "autoscaling" | "crash-loop" | "az-outage" | "rolling-deployment";

const cache = new Map<string, Results>();

function gate(text: string): Gate {
  const g = parseGate(text, "--gate");
  if (typeof g === "string") throw new Error(g);
  return g;
}

/** `gates` are extra gate lines evaluated on top of the scenario's own (the shipped ones have none). */
export function dynamicsResults(name: DynamicsScenario, gates: string[] = [], replications = 2): Results {
  const key = `${name}|${replications}|${gates.join("|")}`;
  let results = cache.get(key);
  if (!results) {
    const file = fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url));
    const { scenario } = loadScenarioFile(file);
    results = buildResults(scenario, compare(scenario, { replications, heatmapSeed: scenario.seed }), {
      gates: [...scenario.gates, ...gates.map(gate)],
    });
    cache.set(key, results);
  }
  return results;
}
