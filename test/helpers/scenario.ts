/** Builds compiled scenarios from YAML text for engine tests. */

import type { CompiledScenario } from "../../src/scenario/compile.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";

export function scenarioFrom(yaml: string): CompiledScenario {
  return loadScenarioText("test.yaml", yaml).scenario;
}

export interface MmcOptions {
  servers: number;
  /** Arrivals per second (Poisson). */
  lambda: number;
  /** Mean service time in seconds (exponential). */
  meanService: number;
  horizon: number;
  warmup: number;
  pending: "queue" | "fail";
  seed?: number;
}

/**
 * An M/M/c system in berth terms: `servers` identical instances that each hold exactly one task
 * (inline type "slot", 1024 CPU units / 1024 MiB; the task reserves 1024 / 1024), Poisson arrivals and
 * exponential durations. pending: fail makes it M/M/c/c (Erlang B), pending: queue a FIFO M/M/c (Erlang C).
 */
export function mmcScenario(o: MmcOptions): CompiledScenario {
  return scenarioFrom(`
name: mmc
seed: ${o.seed ?? 1}
horizon: ${o.horizon}
warmup: ${o.warmup}
pending: ${o.pending}
cluster:
  instanceTypes: { slot: { cpu: 1024, memory: 1024 } }
  instances: [{ type: slot, count: ${o.servers} }]
taskDefinitions:
  - family: job
    cpu: 1024
    memory: 1024
    containerDefinitions: [{ name: job }]
workload:
  - taskDefinition: job
    arrival: { type: poisson, ratePerSecond: ${o.lambda} }
    duration: { type: exponential, mean: ${o.meanService} }
strategies:
  - { name: random, placementStrategy: [{ type: random }] }
`);
}
