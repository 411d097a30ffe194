/**
 * Ten idle-ish m5.large instances under a light load: binpack keeps tasks on few instances, spread-instance
 * touches all of them, so "instances in use" differs by several instances in every seed (a known, large
 * difference), while a fixed cluster costs the same under every strategy (a metric that does not differ).
 */
import { buildResults, type Results } from "../../src/report/results.ts";
import { compare } from "../../src/sim/compare.ts";
import { scenarioFrom } from "../helpers/scenario.ts";

export const SPREAD = `  - { name: spread, placementStrategy: [{ type: spread, field: instanceId }] }`;
export const BINPACK = `  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }`;

/** `strategies`: YAML list items (SPREAD, BINPACK or others), one per line. */
export function lightLoad(strategies: string, replications = 4, baseline?: string): Results {
  const scenario = scenarioFrom(`
name: light
seed: 3
replications: ${replications}
horizon: 2h
cluster:
  instances: [{ type: m5.large, count: 10, zones: [us-east-1a, us-east-1b] }]
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: job, cpu: 256, memory: 512 }]
workload:
  - { taskDefinition: job, arrival: { type: poisson, ratePerHour: 60 }, duration: { type: exponential, mean: 10m } }
strategies:
${strategies}
`);
  return buildResults(scenario, compare(scenario), baseline ? { baseline } : {});
}
