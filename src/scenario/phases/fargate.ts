/**
 * Fargate and Fargate Spot as capacity providers (ECS names FARGATE and FARGATE_SPOT; a strategy may name
 * them without declaring them under capacityProviders).
 *
 * Model: a task sent to Fargate gets capacity of its own, of the Fargate size that holds its task-level cpu
 * and memory (fargate-sizes.ts), after a provisioning delay; it is billed per vCPU-hour and GB-hour of that
 * size from launch until the task stops. Placement strategies and constraints do not apply on Fargate (ECS
 * spreads Fargate tasks across zones itself): berth launches the capacity in the least used zone. Fargate
 * Spot capacity is interrupted like spot instances (failures.spotInterruptions without a group apply to it):
 * a two-minute warning drains it (services start a replacement), then the task stops.
 *
 * Internally each (Fargate provider, task definition) pair is an instance group of count 0 whose
 * "instances" are the per-task capacities, so cost, zones and interruptions reuse instance-lifecycle.ts.
 */
import { fargateSizeFor, isFargateSize } from "../../model/fargate-sizes.ts";
import type { InstanceType } from "../../model/instance-types.ts";
import type { TaskShape } from "../../model/task-definition.ts";
import type { GroupDynamics, InstanceGroup, ProviderShare } from "../compiled.ts";
import { FARGATE_SPOT } from "../fargate-providers.ts";
import type { CompileReport, FieldPath } from "../problems.ts";
import type { Scenario } from "../schema.ts";
import type { CompilePhase } from "./context.ts";

/**
 * us-east-1 Linux prices, USD (AWS Fargate pricing page as quoted by vantage.sh "AWS Fargate Pricing
 * Explained" and cloudburn.io, March 2026). Fargate Spot prices float; the default applies the "up to 70%"
 * discount AWS advertises. All are inputs: override them under `fargate:`.
 */
export const FARGATE_PRICES = {
  x86_64: { vcpuHour: 0.04048, gbHour: 0.004445 },
  arm64: { vcpuHour: 0.03238, gbHour: 0.00356 },
  spotFactor: 0.3,
  source:
    "aws.amazon.com/fargate/pricing us-east-1 Linux, via vantage.sh and cloudburn.io (2026-03); recorded 2026-11-30",
};

/** Default time from a Fargate launch to the task's capacity being ready (a planning figure). */
export const DEFAULT_PROVISIONING_DELAY = 30;

export interface FargateSettings {
  provisioningDelay: number;
  x86: { vcpuHour: number; gbHour: number };
  arm: { vcpuHour: number; gbHour: number };
  spotFactor: number;
}

export function fargateSettings(s: Scenario): FargateSettings {
  const f = s.fargate;
  return {
    provisioningDelay: f?.provisioningDelay ?? DEFAULT_PROVISIONING_DELAY,
    x86: {
      vcpuHour: f?.pricePerVcpuHour ?? FARGATE_PRICES.x86_64.vcpuHour,
      gbHour: f?.pricePerGbHour ?? FARGATE_PRICES.x86_64.gbHour,
    },
    arm: {
      vcpuHour: f?.arm64PricePerVcpuHour ?? FARGATE_PRICES.arm64.vcpuHour,
      gbHour: f?.arm64PricePerGbHour ?? FARGATE_PRICES.arm64.gbHour,
    },
    spotFactor: f?.spotPriceFactor ?? FARGATE_PRICES.spotFactor,
  };
}

/**
 * Checks the Fargate rules of one task definition (requiresCompatibilities FARGATE): awsvpc, task-level
 * cpu and memory. Returns the size it is billed at, or undefined when it cannot run on Fargate.
 */
export function checkFargateShape(
  shape: TaskShape,
  at: FieldPath,
  report: CompileReport,
): { cpu: number; memory: number } | undefined {
  if (!shape.platform?.fargate) return undefined;
  if (shape.networkMode !== "awsvpc")
    report.error(
      [...at, "networkMode"],
      `FARGATE needs networkMode awsvpc (this task uses ${shape.networkMode})`,
    );
  if (shape.taskCpu === undefined || shape.taskMemory === undefined) {
    report.error(at, "FARGATE needs task-level cpu and memory");
    return undefined;
  }
  const size = fargateSizeFor(shape.taskCpu, shape.taskMemory);
  if (!size) {
    report.error(
      at,
      `no Fargate size holds cpu ${shape.taskCpu} and memory ${shape.taskMemory} MiB (at most 16 vCPU, 120 GB)`,
    );
    return undefined;
  }
  if (!isFargateSize(shape.taskCpu, shape.taskMemory))
    report.warn(
      at,
      `cpu ${shape.taskCpu} / memory ${shape.taskMemory} MiB is not a Fargate size (ECS refuses it at registration); berth bills the nearest size up, cpu ${size.cpu} / memory ${size.memory} MiB`,
    );
  return size;
}

/** The per-task capacity type of one shape on one Fargate provider. */
export function fargateType(
  provider: string,
  shape: TaskShape,
  size: { cpu: number; memory: number },
  settings: FargateSettings,
): InstanceType {
  const arch = shape.platform?.cpuArchitecture ?? "x86_64";
  const rate = arch === "arm64" ? settings.arm : settings.x86;
  const vcpu = size.cpu / 1024;
  const gb = size.memory / 1024;
  const onDemand = vcpu * rate.vcpuHour + gb * rate.gbHour;
  return {
    name: `${provider}:${vcpu}vCPU/${gb}GB${arch === "arm64" ? "/arm64" : ""}`,
    vcpu,
    memoryMiB: size.memory,
    cpu: size.cpu,
    memory: size.memory,
    gpu: 0,
    // One ENI for the task besides the primary: exactly one awsvpc task fits.
    enis: 2,
    pricePerHour: provider === FARGATE_SPOT ? onDemand * settings.spotFactor : onDemand,
    priceSource: FARGATE_PRICES.source,
    architecture: arch,
  };
}

export function fargateGroup(
  provider: string,
  providerIndex: number,
  shape: TaskShape,
  type: InstanceType,
  zones: string[],
  settings: FargateSettings,
): { group: InstanceGroup; dynamics: GroupDynamics } {
  return {
    group: { type, count: 0, zones, attributes: {}, registeredAt: 0 },
    dynamics: {
      name: `${provider}/${shape.family}`,
      minSize: 0,
      maxSize: Number.MAX_SAFE_INTEGER,
      spot: provider === FARGATE_SPOT,
      launchDelay: settings.provisioningDelay,
      warmup: 0,
      replaceUnhealthy: false,
      schedule: [],
      provider: providerIndex,
      fargate: true,
    },
  };
}

/**
 * Phase "fargate": adds the per-task Fargate capacity groups (one per Fargate provider and Fargate-compatible task
 * definition) to the compiled cluster, and checks that every task can run where its capacity provider
 * strategy sends it: Fargate only for definitions listing FARGATE, EC2 capacity only for definitions
 * listing EC2 (or none), and no strategy mixing Fargate with Auto Scaling group providers (ECS refuses it).
 */
export const fargatePhase: CompilePhase = {
  name: "fargate",
  reads: ["fargate", "workload"],
  uses: ["cluster", "task definitions", "workload", "dynamics", "strategies"],
  run(ctx) {
    const { s, shapes, instanceTypes, instanceGroups, sources, report } = ctx;
    const dynamics = ctx.dynamics!;
    const strategyProviders = ctx.strategies.map((st) => st.providerStrategy);
    const settings = fargateSettings(s);
    const sizes = shapes.map((shape, i) => checkFargateShape(shape, ["taskDefinitions", i], report));
    const zones = [...new Set(instanceGroups.flatMap((g) => g.zones))];
    dynamics.providers.forEach((p, k) => {
      if (!p.fargate) return;
      dynamics.fargateGroups[k] = shapes.map((shape, i) => {
        const size = sizes[i];
        if (!size) return -1;
        const type = fargateType(p.name, shape, size, settings);
        instanceTypes.push(type);
        const g = fargateGroup(p.name, k, shape, type, zones.length > 0 ? zones : ["us-east-1a"], settings);
        instanceGroups.push(g.group);
        dynamics.groups.push(g.dynamics);
        return instanceGroups.length - 1;
      });
    });

    const check = (shares: ProviderShare[], shapeList: number[], at: FieldPath) => {
      const fargate = shares.some((sh) => dynamics.providers[sh.provider]?.fargate);
      const ec2 = shares.length === 0 || shares.some((sh) => !dynamics.providers[sh.provider]?.fargate);
      if (fargate && ec2) {
        report.error(
          at,
          "a capacity provider strategy cannot mix FARGATE / FARGATE_SPOT with Auto Scaling group providers",
        );
        return;
      }
      for (const k of new Set(shapeList)) {
        // A reference to a task definition that does not exist is reported where it is made.
        const shape = shapes[k];
        if (!shape) continue;
        const platform = shape.platform;
        if (fargate && !platform?.fargate)
          report.error(
            at,
            `task definition "${shape.family}" does not list FARGATE in requiresCompatibilities, so it cannot run on Fargate`,
          );
        else if (!fargate && platform && !platform.ec2)
          report.error(
            at,
            `task definition "${shape.family}" runs only on ${platform.fargate ? "Fargate" : "external instances"} (requiresCompatibilities); send it to FARGATE with a capacityProviderStrategy`,
          );
      }
    };
    const workloadIndex = new Map<string, number>();
    s.workload.forEach((w, i) => workloadIndex.set(w.name ?? `${w.mix ? "mix" : w.taskDefinition}#${i}`, i));
    for (const src of sources) {
      if (src.trace) continue;
      const i = workloadIndex.get(src.name) ?? 0;
      const shapeList = src.mix.map((m) => m.shape);
      check(src.providerStrategy, shapeList, ["workload", i, "capacityProviderStrategy"]);
      if (src.usesDefaultProviders)
        strategyProviders.forEach((shares, k) => {
          if (shares) check(shares, shapeList, ["strategies", k, "capacityProviderStrategy"]);
        });
    }
    dynamics.services.forEach((sv, i) => {
      const shapeList = [sv.shape, ...sv.deployments.map((d) => d.shape)];
      check(sv.providerStrategy, shapeList, ["services", i, "capacityProviderStrategy"]);
      if (sv.usesDefaultProviders)
        strategyProviders.forEach((shares, k) => {
          if (shares) check(shares, shapeList, ["strategies", k, "capacityProviderStrategy"]);
        });
    });
  },
};
