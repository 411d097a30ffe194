/**
 * Where a task may run: requiresCompatibilities (EC2, FARGATE, EXTERNAL), runtimePlatform (cpu architecture
 * and operating system family) and requiresAttributes, read from a task definition.
 *
 * Facts (ECS developer guide, task_definition_parameters.md; RegisterTaskDefinition API reference):
 * - requiresCompatibilities unset means EC2 only; FARGATE needs networkMode awsvpc and task-level cpu and
 *   memory from the Fargate size table (fargate-sizes.ts).
 * - runtimePlatform.cpuArchitecture is X86_64 or ARM64; operatingSystemFamily LINUX or a WINDOWS_SERVER_* name.
 *   An ARM64 task runs only on instances whose `ecs.cpu-architecture` is arm64 (Graviton); a Windows task only
 *   on instances whose `ecs.os-family` matches. Unset: ECS does not check the image, nor does berth.
 * - requiresAttributes lists instance attributes the task needs. Agent capability attributes
 *   (`com.amazonaws.ecs.capability.*`, `ecs.capability.*`) are registered by every current ECS agent, so
 *   berth treats them as present on every instance; any other name is checked against the instances.
 */
/** Same shape as task-definition.ts Problem (kept local: no import cycle). */
type Problem = (path: (string | number)[], message: string) => void;

export type CpuArchitecture = "x86_64" | "arm64";

export interface RequiredAttribute {
  name: string;
  value?: string;
}

export interface TaskPlatform {
  ec2: boolean;
  fargate: boolean;
  external: boolean;
  /** Architecture the task needs, when runtimePlatform names one. */
  cpuArchitecture?: CpuArchitecture;
  /** LINUX or WINDOWS_SERVER_..., when runtimePlatform names one. */
  osFamily?: string;
  windows: boolean;
  /** requiresAttributes that are not agent capabilities: checked against instance attributes. */
  requiredAttributes: RequiredAttribute[];
}

export const COMPATIBILITIES = ["EC2", "FARGATE", "EXTERNAL"] as const;
export const OS_FAMILIES = [
  "LINUX",
  "WINDOWS_SERVER_2016_FULL",
  "WINDOWS_SERVER_2019_FULL",
  "WINDOWS_SERVER_2019_CORE",
  "WINDOWS_SERVER_2022_FULL",
  "WINDOWS_SERVER_2022_CORE",
  "WINDOWS_SERVER_2025_FULL",
  "WINDOWS_SERVER_2025_CORE",
  "WINDOWS_SERVER_2004_CORE",
  "WINDOWS_SERVER_20H2_CORE",
] as const;

/** Attribute names every current ECS agent registers (capabilities). */
export function isAgentCapability(name: string): boolean {
  return name.startsWith("com.amazonaws.ecs.capability.") || name.startsWith("ecs.capability.");
}

interface PlatformInput {
  requiresCompatibilities?: string[];
  runtimePlatform?: { cpuArchitecture?: string; operatingSystemFamily?: string };
  requiresAttributes?: { name: string; value?: string; targetType?: string }[];
}

export function readPlatform(def: PlatformInput, problem: Problem): TaskPlatform {
  const compat = def.requiresCompatibilities ?? [];
  compat.forEach((c, j) => {
    if (!(COMPATIBILITIES as readonly string[]).includes(c))
      problem(
        ["requiresCompatibilities", j],
        `unknown compatibility "${c}" (use ${COMPATIBILITIES.join(", ")})`,
      );
  });
  const fargate = compat.includes("FARGATE");
  const external = compat.includes("EXTERNAL");
  const platform: TaskPlatform = {
    ec2: compat.length === 0 || compat.includes("EC2"),
    fargate,
    external,
    windows: false,
    requiredAttributes: [],
  };
  const rp = def.runtimePlatform;
  if (rp?.cpuArchitecture !== undefined) {
    const arch = rp.cpuArchitecture.toUpperCase();
    if (arch === "ARM64") platform.cpuArchitecture = "arm64";
    else if (arch === "X86_64") platform.cpuArchitecture = "x86_64";
    else
      problem(
        ["runtimePlatform", "cpuArchitecture"],
        `unknown cpuArchitecture "${rp.cpuArchitecture}" (use X86_64 or ARM64)`,
      );
  }
  if (rp?.operatingSystemFamily !== undefined) {
    const os = rp.operatingSystemFamily.toUpperCase();
    if ((OS_FAMILIES as readonly string[]).includes(os)) {
      platform.osFamily = os;
      platform.windows = os !== "LINUX";
    } else
      problem(
        ["runtimePlatform", "operatingSystemFamily"],
        `unknown operatingSystemFamily "${rp.operatingSystemFamily}" (use LINUX or WINDOWS_SERVER_2022_FULL, ...)`,
      );
  }
  if (platform.windows && platform.cpuArchitecture === "arm64")
    problem(["runtimePlatform"], "Windows containers run on X86_64 only");
  def.requiresAttributes?.forEach((a, j) => {
    if (a.targetType !== undefined && a.targetType !== "container-instance")
      problem(["requiresAttributes", j, "targetType"], 'the only target type is "container-instance"');
    if (isAgentCapability(a.name)) return;
    platform.requiredAttributes.push(
      a.value !== undefined ? { name: a.name, value: a.value } : { name: a.name },
    );
  });
  return platform;
}
