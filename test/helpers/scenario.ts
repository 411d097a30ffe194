/** Builds compiled scenarios for tests, from YAML text or plain objects (through the real loader). */

import type { CompiledScenario } from "../../src/scenario/compile.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { InputError } from "../../src/scenario/problems.ts";

export function scenarioFrom(yaml: string): CompiledScenario {
  return loadScenarioText("test.yaml", yaml).scenario;
}

/** The default parts of smallScenario: the one instance group and the one workload, as flow mappings. */
export const SMALL_INSTANCES = "{ type: m5.large, count: 2, zones: [a, b] }";
export const SMALL_WORKLOAD =
  "  - { taskDefinition: web, arrival: { type: poisson, ratePerHour: 10 }, duration: { type: constant, value: 5m } }";

/**
 * The small valid scenario the scenario tests start from, as YAML text: an hour, two m5.large (line 5), task
 * definition "web" (256 CPU units, 512 MiB), Poisson arrivals at 10 an hour of 5-minute tasks, binpack on
 * memory. Tests edit it with replace() and assert the line and column of problems, so the layout is fixed:
 * `services` lines, when given, come at line 11 under their key, the workload (its list lines) after them.
 */
export function smallScenario(
  parts: { instances?: string; services?: string; workload?: string } = {},
): string {
  return `name: t
horizon: 1h
cluster:
  instances:
    - ${parts.instances ?? SMALL_INSTANCES}
taskDefinitions:
  - family: web
    containerDefinitions:
      - { name: app, cpu: 256, memory: 512 }
${parts.services === undefined ? "" : `services:\n${parts.services}\n`}workload:
${parts.workload ?? SMALL_WORKLOAD}
strategies:
  - { name: bp, placementStrategy: [{ type: binpack, field: memory }] }
`;
}

/** The problem lines a scenario text is rejected with (fails the test if it loads). */
export function problemsOf(text: string, file = "s.yaml"): string[] {
  try {
    loadScenarioText(file, text);
  } catch (e) {
    if (e instanceof InputError) return e.message.split("\n");
    throw e;
  }
  throw new Error("expected the scenario to be rejected");
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

export function compileObject(scenario: Record<string, unknown>): CompiledScenario {
  return loadScenarioText("test.json", JSON.stringify(scenario)).scenario;
}

/** A task definition with task-level cpu/memory and optional extras (networkMode, ports, GPUs). */
export function taskDef(
  family: string,
  cpu: number,
  memory: number,
  extra: { networkMode?: string; hostPort?: number; gpu?: number } = {},
): Record<string, unknown> {
  const container: Record<string, unknown> = { name: "app", cpu, memory };
  if (extra.hostPort !== undefined)
    container.portMappings = [{ containerPort: 80, hostPort: extra.hostPort }];
  if (extra.gpu !== undefined) container.resourceRequirements = [{ type: "GPU", value: String(extra.gpu) }];
  return {
    family,
    containerDefinitions: [container],
    ...(extra.networkMode ? { networkMode: extra.networkMode } : {}),
  };
}

export const FIRST_FIT = { name: "first-fit", placementStrategy: [{ type: "first-fit" }] };
