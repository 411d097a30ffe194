/**
 * ECS task definitions (the register-task-definition JSON shape) and what the scheduler reserves for them.
 *
 * Reservation rules (task_definition_parameters.md, memory-management.md):
 * - task-level cpu / memory, when set, are reserved for the whole task;
 * - otherwise the sum over containers of cpu (0 when unset) and of memoryReservation, else memory;
 * - GPUs: the sum of the containers' resourceRequirements of type GPU;
 * - ports: bridge mode hostPort > 0 is static, 0 or missing takes a dynamic port from the ephemeral range;
 *   host mode uses containerPort as a static host port; awsvpc takes one ENI per task and no host ports.
 */
/** `default` is the Windows name of the NAT network (ports map like bridge mode). */
export type NetworkMode = "bridge" | "host" | "awsvpc" | "none" | "default";

/** Task-level cpu on EC2 (RegisterTaskDefinition reference): 128 to 196,608 CPU units (0.125-192 vCPU). */
export const EC2_TASK_CPU_MIN = 128;
export const EC2_TASK_CPU_MAX = 196608;
export type Protocol = "tcp" | "udp";

export interface PortMapping {
  containerPort?: number;
  hostPort?: number;
  protocol?: Protocol;
  /** "8000-8010": a range of container ports, each bound to a dynamic host port in bridge mode. */
  containerPortRange?: string;
}

export interface ContainerDefinition {
  name: string;
  image?: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  portMappings?: PortMapping[];
  /** "name" or "name:alias" of another container of the task. */
  links?: string[];
  essential?: boolean;
  resourceRequirements?: { type: string; value: string }[];
  healthCheck?: Record<string, unknown>;
}

export interface TaskDefinition {
  family: string;
  containerDefinitions: ContainerDefinition[];
  cpu?: string | number;
  memory?: string | number;
  networkMode?: NetworkMode;
  requiresCompatibilities?: string[];
  runtimePlatform?: { cpuArchitecture?: string; operatingSystemFamily?: string };
  requiresAttributes?: { name: string; value?: string; targetType?: string }[];
}

/** A task definition reduced to what placement needs. */
export interface TaskShape {
  family: string;
  networkMode: NetworkMode;
  cpu: number;
  memory: number;
  gpu: number;
  /** berth, beyond ECS: a share of one GPU in 1/1000 (GPU-sharing traces); absent or 0 for none. */
  gpuMilli?: number;
  /** ENIs the task takes on its instance (1 for awsvpc, else 0). */
  eni: number;
  dynamicPorts: number;
  /** Static host ports as "port/protocol" keys. */
  staticPorts: string[];
  /** Each container's name, essential flag and the containerPorts its portMappings map (checked against a
   * load balancer's containerPort; absent on shapes not read from a task definition). */
  containers: { name: string; essential: boolean; ports?: number[] }[];
  /** Task-level cpu / memory as written (undefined when unset), for Fargate sizing. */
  taskCpu?: number;
  taskMemory?: number;
  /** Where the task may run (requiresCompatibilities; EC2 when unset). */
  platform?: TaskPlatform;
  /** The health checks of its essential containers (health-check.ts); absent when none has one. */
  healthChecks?: HealthCheckSpec[];
}

import { type HealthCheckSpec, readHealthCheck } from "./health-check.ts";
import { readPlatform, type TaskPlatform } from "./task-platform.ts";

export type Problem = (path: (string | number)[], message: string) => void;

/**
 * Parses a task-level size: 1024, "1024", "1 vCPU" / "0.5 vcpu" / ".25 vcpu" (cpu) or "2 GB" / "2GB" /
 * ".5 gb" (memory). Unit words are case-insensitive, as the API reads them.
 */
export function parseTaskSize(value: string | number, unit: "cpu" | "memory"): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = (m[2] ?? "").toLowerCase();
  if (suffix === "") return n;
  if (unit === "cpu" && suffix === "vcpu") return Math.round(n * 1024);
  if (unit === "memory" && suffix === "gb") return Math.round(n * 1024);
  return undefined;
}

export function compileTaskDefinition(def: TaskDefinition, problem: Problem): TaskShape {
  const mode: NetworkMode = def.networkMode ?? "bridge";
  const names = new Set<string>();
  const containers = def.containerDefinitions;
  if (containers.length === 0)
    problem(["containerDefinitions"], "a task definition needs at least one container");

  const platform = readPlatform(def, problem);
  let taskCpu: number | undefined;
  let taskMemory: number | undefined;
  if (def.cpu !== undefined) {
    taskCpu = parseTaskSize(def.cpu, "cpu");
    if (taskCpu === undefined)
      problem(["cpu"], `cannot read task cpu "${def.cpu}" (use CPU units or "N vCPU")`);
    else if (platform.ec2 && (taskCpu < EC2_TASK_CPU_MIN || taskCpu > EC2_TASK_CPU_MAX))
      problem(
        ["cpu"],
        `task cpu on EC2 must be ${EC2_TASK_CPU_MIN} to ${EC2_TASK_CPU_MAX} CPU units (0.125 to 192 vCPU), got ${taskCpu}`,
      );
  }
  if (def.memory !== undefined) {
    taskMemory = parseTaskSize(def.memory, "memory");
    if (taskMemory === undefined)
      problem(["memory"], `cannot read task memory "${def.memory}" (use MiB or "N GB")`);
  }

  let cpu = 0;
  let memory = 0;
  let gpu = 0;
  let dynamicPorts = 0;
  const staticPorts: string[] = [];
  let anyEssential = false;
  const healthChecks: HealthCheckSpec[] = [];

  containers.forEach((c, i) => {
    const at = (...rest: (string | number)[]) => ["containerDefinitions", i, ...rest];
    if (names.has(c.name)) problem(at("name"), `duplicate container name "${c.name}"`);
    names.add(c.name);
    const essential = c.essential ?? true;
    anyEssential ||= essential;
    if (c.healthCheck !== undefined && c.healthCheck !== null) {
      const check = readHealthCheck(c.healthCheck, (path, message) =>
        problem(at("healthCheck", ...path), message),
      );
      // Only essential containers decide the task's health (a non-essential one's status is reported only).
      if (check && essential) healthChecks.push(check);
    }
    cpu += c.cpu ?? 0;
    if (c.memory === undefined && c.memoryReservation === undefined && def.memory === undefined) {
      problem(at(), `container "${c.name}" needs memory or memoryReservation when the task sets no memory`);
    }
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memoryReservation >= c.memory) {
      problem(
        at("memoryReservation"),
        `memoryReservation (${c.memoryReservation}) must be lower than memory (${c.memory})`,
      );
    }
    memory += c.memoryReservation ?? c.memory ?? 0;
    c.resourceRequirements?.forEach((r, j) => {
      if (r.type !== "GPU") return;
      const n = Number(r.value);
      if (!Number.isInteger(n) || n < 1)
        problem(at("resourceRequirements", j, "value"), "GPU count must be a whole number >= 1");
      else gpu += n;
    });
    c.links?.forEach((link, j) => {
      // "name:alias" (the documented form) links container `name` under another host name.
      const target = link.split(":")[0]!;
      if (mode !== "bridge")
        problem(at("links", j), `links need networkMode bridge (this task uses ${mode})`);
      else if (!containers.some((other) => other.name === target)) {
        problem(at("links", j), `link target "${target}" is not a container of this task`);
      }
    });
    c.portMappings?.forEach((p, j) => {
      const protocol = p.protocol ?? "tcp";
      const container = p.containerPort;
      if (mode === "none") {
        problem(at("portMappings", j), "networkMode none cannot map ports");
        return;
      }
      if (p.containerPortRange !== undefined) {
        const size = portRangeSize(p.containerPortRange);
        if (size === undefined)
          problem(
            at("portMappings", j, "containerPortRange"),
            `cannot read port range "${p.containerPortRange}" (use "8000-8010")`,
          );
        else if (container !== undefined || (p.hostPort ?? 0) !== 0)
          problem(
            at("portMappings", j, "containerPortRange"),
            "containerPortRange takes no containerPort or hostPort (host ports are assigned dynamically)",
          );
        else if (mode !== "bridge" && mode !== "awsvpc")
          problem(
            at("portMappings", j, "containerPortRange"),
            `containerPortRange needs networkMode bridge or awsvpc (this task uses ${mode})`,
          );
        // bridge: every port of the range takes a host port from the ephemeral range; awsvpc: none.
        else if (mode === "bridge") dynamicPorts += size;
        return;
      }
      if (mode === "awsvpc" || mode === "host") {
        if (p.hostPort !== undefined && p.hostPort !== 0 && p.hostPort !== container) {
          problem(
            at("portMappings", j, "hostPort"),
            `in ${mode} mode hostPort must equal containerPort or be omitted`,
          );
        }
        if (mode === "host" && container !== undefined) staticPorts.push(`${container}/${protocol}`);
        return;
      }
      if (p.hostPort !== undefined && p.hostPort > 0) staticPorts.push(`${p.hostPort}/${protocol}`);
      else dynamicPorts++;
    });
  });
  if (containers.length > 0 && !anyEssential)
    problem(["containerDefinitions"], "at least one container must be essential");
  const seen = new Set<string>();
  staticPorts.forEach((port) => {
    if (seen.has(port)) problem(["containerDefinitions"], `host port ${port} is mapped twice in one task`);
    seen.add(port);
  });

  // Windows ignores task-level cpu and memory on EC2: the containers' own values are reserved.
  const useTaskSize = !platform.windows;
  return {
    family: def.family,
    networkMode: mode,
    cpu: (useTaskSize ? taskCpu : undefined) ?? cpu,
    memory: (useTaskSize ? taskMemory : undefined) ?? memory,
    ...(taskCpu !== undefined ? { taskCpu } : {}),
    ...(taskMemory !== undefined ? { taskMemory } : {}),
    platform,
    gpu,
    eni: mode === "awsvpc" ? 1 : 0,
    dynamicPorts,
    staticPorts,
    containers: containers.map((c) => ({
      name: c.name,
      essential: c.essential ?? true,
      ports: (c.portMappings ?? []).flatMap((p) => (p.containerPort === undefined ? [] : [p.containerPort])),
    })),
    ...(healthChecks.length > 0 ? { healthChecks } : {}),
  };
}

/** Number of ports in "from-to" (inclusive), or undefined when it is not a valid range. */
export function portRangeSize(range: string): number | undefined {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(range);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (from < 1 || to > 65535 || to <= from) return undefined;
  return to - from + 1;
}
