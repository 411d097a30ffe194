/**
 * Real results for report tests: a small scenario run through the engine (load -> compare -> buildResults),
 * so the charts and page are tested against exactly what `berth run` produces.
 */
import { buildResults, type Results } from "../../src/report/results.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";

export const STRATEGY_NAMES = ["binpack-memory", "spread-az", "random"] as const;

/** Quoted in YAML because a plain scalar may not start with "<" or "&" safely. */
export const DESCRIPTION = "Mixed <b>web & worker</b> load";

export interface FixtureOptions {
  replications?: number;
  pending?: "queue" | "fail";
  /** Instances in the cluster: few enough and the queue builds up, or placements fail. */
  instances?: number;
}

export function scenarioYaml({
  replications = 2,
  pending = "queue",
  instances = 4,
}: FixtureOptions = {}): string {
  return `
name: report-fixture
description: ${JSON.stringify(DESCRIPTION)}
seed: 7
replications: ${replications}
horizon: 2h
pending: ${pending}
cluster:
  instances:
    - { type: m5.large, count: ${instances}, zones: [us-east-1a, us-east-1b] }
taskDefinitions:
  - family: web
    containerDefinitions:
      - { name: web, image: "nginx:latest", cpu: 512, memory: 1024, portMappings: [{ containerPort: 80, hostPort: 80 }] }
  - family: worker
    containerDefinitions:
      - { name: worker, image: "worker:1", cpu: 256, memory: 2048 }
workload:
  - { taskDefinition: web, arrival: { type: poisson, ratePerHour: 20 }, duration: { type: exponential, mean: 20m } }
  - { taskDefinition: worker, arrival: { type: poisson, ratePerHour: 60 }, duration: { type: exponential, mean: 10m } }
strategies:
  - { name: ${STRATEGY_NAMES[0]}, placementStrategy: [{ type: binpack, field: memory }] }
  - name: ${STRATEGY_NAMES[1]}
    placementStrategy: [{ type: spread, field: "attribute:ecs.availability-zone" }, { type: spread, field: instanceId }]
  - { name: ${STRATEGY_NAMES[2]}, placementStrategy: [{ type: random }] }
`;
}

const cache = new Map<string, Results>();

export function fixtureResults(options: FixtureOptions = {}): Results {
  const yaml = scenarioYaml(options);
  let results = cache.get(yaml);
  if (!results) {
    const { scenario } = loadScenarioText("report-fixture.yaml", yaml);
    // Like `berth run`: the packing heatmap is recorded on the first seed.
    results = buildResults(scenario, compare(scenario, { heatmapSeed: scenario.seed }));
    cache.set(yaml, results);
  }
  return results;
}
