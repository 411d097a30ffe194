/**
 * The built-in EC2 instance-type catalog.
 *
 * Registered memory: the ECS agent registers the memory the OS reports (less ECS_RESERVED_MEMORY), which is
 * below the nominal size because the kernel and firmware keep some. The developer guide's worked example
 * (memory-management.md) shows an m4.large with 8 GiB nominal reporting 8,373,026,816 bytes, i.e. 7985 MiB:
 * 97.47% of nominal. berth applies that ratio to every type (floor, in MiB). It is an estimate: read the real
 * figure from DescribeContainerInstances and override the type in your scenario when it matters.
 *
 * ENIs: the instance type's maximum network interfaces; the primary one is never given to awsvpc tasks.
 * trunkEniTasks: awsvpc tasks an instance can hold with ENI trunking (awsvpcTrunking); absent = unsupported.
 *
 * Prices: on-demand, Linux, us-east-1, USD per hour, as listed on the public EC2 on-demand pricing page.
 * They were transcribed from memory of that page (this project is built offline) and carry PRICE_SOURCE;
 * treat them as defaults to override, not as quotes.
 */
export const REGISTERED_MEMORY_RATIO = 7985 / 8192;
export const PRICE_SOURCE =
  "aws.amazon.com/ec2/pricing/on-demand, us-east-1 Linux on-demand; recorded 2026-11-25";

export interface InstanceType {
  name: string;
  vcpu: number;
  /** Nominal memory in MiB. */
  memoryMiB: number;
  /** CPU units the agent registers: vCPUs x 1024. */
  cpu: number;
  /** Memory in MiB the agent registers (below nominal). */
  memory: number;
  gpu: number;
  enis: number;
  trunkEniTasks?: number;
  pricePerHour: number;
  priceSource: string;
  architecture: "x86_64" | "arm64";
}

type Row = [
  name: string,
  vcpu: number,
  memGiB: number,
  enis: number,
  price: number,
  gpu?: number,
  trunk?: number,
];

const ROWS: Row[] = [
  ["t3.micro", 2, 1, 2, 0.0104],
  ["t3.small", 2, 2, 3, 0.0208],
  ["t3.medium", 2, 4, 3, 0.0416],
  ["t3.large", 2, 8, 3, 0.0832],
  ["t3.xlarge", 4, 16, 4, 0.1664],
  ["t3.2xlarge", 8, 32, 4, 0.3328],
  ["m5.large", 2, 8, 3, 0.096, 0, 10],
  ["m5.xlarge", 4, 16, 4, 0.192, 0, 20],
  ["m5.2xlarge", 8, 32, 4, 0.384, 0, 40],
  ["m5.4xlarge", 16, 64, 8, 0.768, 0, 60],
  ["c5.large", 2, 4, 3, 0.085, 0, 10],
  ["c5.xlarge", 4, 8, 4, 0.17, 0, 20],
  ["c5.2xlarge", 8, 16, 4, 0.34, 0, 40],
  ["c5.4xlarge", 16, 32, 8, 0.68, 0, 60],
  ["r5.large", 2, 16, 3, 0.126, 0, 10],
  ["r5.xlarge", 4, 32, 4, 0.252, 0, 20],
  ["r5.2xlarge", 8, 64, 4, 0.504, 0, 40],
  ["r5.4xlarge", 16, 128, 8, 1.008, 0, 60],
  ["g4dn.xlarge", 4, 16, 3, 0.526, 1],
];

/**
 * Graviton (arm64) families and the GPU / accelerator families the ECS guide's examples use. vCPU, memory,
 * ENIs and GPUs from the EC2 instance-type pages; prices us-east-1 Linux on-demand: m7g.large $0.0816 and
 * g5.xlarge $1.006 as listed in June 2026 (factualminds.com EC2 on-demand pricing 2026, quoting the AWS
 * page), other sizes of a family at the same price per vCPU, as AWS prices them within a family.
 * Inferentia chips (inf2) are not GPUs: berth models them as no GPU, so a task asking for GPUs never lands there.
 */
export const GRAVITON_ACCELERATED_SOURCE =
  "aws.amazon.com/ec2/pricing/on-demand us-east-1 Linux via factualminds.com (2026-06-17); sizes scaled per vCPU; recorded 2026-11-30";

type ExtraRow = [
  name: string,
  vcpu: number,
  memGiB: number,
  enis: number,
  price: number,
  arch: "x86_64" | "arm64",
  gpu?: number,
];

const EXTRA_ROWS: ExtraRow[] = [
  ["m7g.medium", 1, 4, 2, 0.0408, "arm64"],
  ["m7g.large", 2, 8, 3, 0.0816, "arm64"],
  ["m7g.xlarge", 4, 16, 4, 0.1632, "arm64"],
  ["m7g.2xlarge", 8, 32, 4, 0.3264, "arm64"],
  ["m7g.4xlarge", 16, 64, 8, 0.6528, "arm64"],
  ["c7g.medium", 1, 2, 2, 0.03625, "arm64"],
  ["c7g.large", 2, 4, 3, 0.0725, "arm64"],
  ["c7g.xlarge", 4, 8, 4, 0.145, "arm64"],
  ["c7g.2xlarge", 8, 16, 4, 0.29, "arm64"],
  ["c7g.4xlarge", 16, 32, 8, 0.58, "arm64"],
  ["r7g.medium", 1, 8, 2, 0.05355, "arm64"],
  ["r7g.large", 2, 16, 3, 0.1071, "arm64"],
  ["r7g.xlarge", 4, 32, 4, 0.2142, "arm64"],
  ["r7g.2xlarge", 8, 64, 4, 0.4284, "arm64"],
  ["r7g.4xlarge", 16, 128, 8, 0.8568, "arm64"],
  ["g5.xlarge", 4, 16, 4, 1.006, "x86_64", 1],
  ["g5.2xlarge", 8, 32, 4, 1.212, "x86_64", 1],
  ["g5.12xlarge", 48, 192, 8, 5.672, "x86_64", 4],
  ["g4dn.2xlarge", 8, 32, 3, 0.752, "x86_64", 1],
  ["g4dn.12xlarge", 48, 192, 8, 3.912, "x86_64", 4],
  ["p3.2xlarge", 8, 61, 4, 3.06, "x86_64", 1],
  ["p3.8xlarge", 32, 244, 8, 12.24, "x86_64", 4],
  ["inf2.xlarge", 4, 16, 4, 0.7582, "x86_64"],
];

export function registeredMemory(nominalMiB: number, reservedMiB = 0): number {
  return Math.floor(nominalMiB * REGISTERED_MEMORY_RATIO) - reservedMiB;
}

/** One catalog row as an instance type: registered CPU = vCPU x 1024, registered memory from the nominal. */
function catalogType(
  name: string,
  vcpu: number,
  memGiB: number,
  enis: number,
  pricePerHour: number,
  gpu: number,
  priceSource: string,
  architecture: InstanceType["architecture"],
): InstanceType {
  const memoryMiB = memGiB * 1024;
  return {
    name,
    vcpu,
    memoryMiB,
    cpu: vcpu * 1024,
    memory: registeredMemory(memoryMiB),
    gpu,
    enis,
    pricePerHour,
    priceSource,
    architecture,
  };
}

export const BUILTIN_INSTANCE_TYPES: ReadonlyMap<string, InstanceType> = new Map(
  ROWS.map(([name, vcpu, memGiB, enis, price, gpu = 0, trunk]) => {
    const type = catalogType(name, vcpu, memGiB, enis, price, gpu, PRICE_SOURCE, "x86_64");
    if (trunk !== undefined) type.trunkEniTasks = trunk;
    return [name, type] as const;
  }).concat(
    EXTRA_ROWS.map(
      ([name, vcpu, memGiB, enis, price, architecture, gpu = 0]) =>
        [
          name,
          catalogType(name, vcpu, memGiB, enis, price, gpu, GRAVITON_ACCELERATED_SOURCE, architecture),
        ] as const,
    ),
  ),
);

/** What a scenario may say about an instance type (inline types and overrides of built-ins). */
export interface InstanceTypeOverride {
  cpu?: number;
  memory?: number;
  vcpu?: number;
  gpu?: number;
  enis?: number;
  trunkEniTasks?: number;
  pricePerHour?: number;
  architecture?: "x86_64" | "arm64";
}

/**
 * The catalog a scenario sees: the built-ins, with the scenario's types added or overriding fields of a
 * built-in. A new type must state cpu and memory (registered units); missing price means 0.
 */
export function resolveCatalog(
  overrides: Record<string, InstanceTypeOverride>,
  onError: (name: string, message: string) => void,
): Map<string, InstanceType> {
  const catalog = new Map(BUILTIN_INSTANCE_TYPES);
  for (const [name, o] of Object.entries(overrides)) {
    const base = catalog.get(name);
    if (!base && (o.cpu === undefined || o.memory === undefined)) {
      onError(name, "a new instance type needs cpu (CPU units) and memory (registered MiB)");
      continue;
    }
    const cpu = o.cpu ?? base!.cpu;
    const merged: InstanceType = {
      name,
      vcpu: o.vcpu ?? base?.vcpu ?? cpu / 1024,
      memoryMiB: base?.memoryMiB ?? o.memory!,
      cpu,
      memory: o.memory ?? base!.memory,
      gpu: o.gpu ?? base?.gpu ?? 0,
      enis: o.enis ?? base?.enis ?? 3,
      pricePerHour: o.pricePerHour ?? base?.pricePerHour ?? 0,
      priceSource: o.pricePerHour !== undefined ? "scenario" : (base?.priceSource ?? "none (no price given)"),
      architecture: o.architecture ?? base?.architecture ?? "x86_64",
    };
    const trunk = o.trunkEniTasks ?? base?.trunkEniTasks;
    if (trunk !== undefined) merged.trunkEniTasks = trunk;
    catalog.set(name, merged);
  }
  return catalog;
}
