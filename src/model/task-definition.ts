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
export type NetworkMode = "bridge" | "host" | "awsvpc" | "none";
export type Protocol = "tcp" | "udp";

export interface PortMapping {
  containerPort?: number;
  hostPort?: number;
  protocol?: Protocol;
}

export interface ContainerDefinition {
  name: string;
  image?: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  portMappings?: PortMapping[];
  links?: string[];
  essential?: boolean;
  resourceRequirements?: { type: string; value: string }[];
}

export interface TaskDefinition {
  family: string;
  containerDefinitions: ContainerDefinition[];
  cpu?: string | number;
  memory?: string | number;
  networkMode?: NetworkMode;
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
  containers: { name: string; essential: boolean }[];
}

export type Problem = (path: (string | number)[], message: string) => void;

/** Parses a task-level size: 1024, "1024", "1 vCPU" / "0.5 vcpu" (cpu) or "2 GB" / "2GB" (memory). */
export function parseTaskSize(value: string | number, unit: "cpu" | "memory"): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
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

  let taskCpu: number | undefined;
  let taskMemory: number | undefined;
  if (def.cpu !== undefined) {
    taskCpu = parseTaskSize(def.cpu, "cpu");
    if (taskCpu === undefined)
      problem(["cpu"], `cannot read task cpu "${def.cpu}" (use CPU units or "N vCPU")`);
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

  containers.forEach((c, i) => {
    const at = (...rest: (string | number)[]) => ["containerDefinitions", i, ...rest];
    if (names.has(c.name)) problem(at("name"), `duplicate container name "${c.name}"`);
    names.add(c.name);
    const essential = c.essential ?? true;
    anyEssential ||= essential;
    cpu += c.cpu ?? 0;
    if (c.memory === undefined && c.memoryReservation === undefined && def.memory === undefined) {
      problem(at(), `container "${c.name}" needs memory or memoryReservation when the task sets no memory`);
    }
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memoryReservation > c.memory) {
      problem(
        at("memoryReservation"),
        `memoryReservation (${c.memoryReservation}) exceeds memory (${c.memory})`,
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
      if (mode !== "bridge")
        problem(at("links", j), `links need networkMode bridge (this task uses ${mode})`);
      else if (!containers.some((other) => other.name === link)) {
        problem(at("links", j), `link target "${link}" is not a container of this task`);
      }
    });
    c.portMappings?.forEach((p, j) => {
      const protocol = p.protocol ?? "tcp";
      const container = p.containerPort;
      if (mode === "none") {
        problem(at("portMappings", j), "networkMode none cannot map ports");
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

  return {
    family: def.family,
    networkMode: mode,
    cpu: taskCpu ?? cpu,
    memory: taskMemory ?? memory,
    gpu,
    eni: mode === "awsvpc" ? 1 : 0,
    dynamicPorts,
    staticPorts,
    containers: containers.map((c) => ({ name: c.name, essential: c.essential ?? true })),
  };
}
