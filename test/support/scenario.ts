/** Builds compiled scenarios from plain objects in tests (through the real loader, so defaults apply). */
import type { CompiledScenario } from "../../src/scenario/compile.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";

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
