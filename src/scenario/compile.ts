/**
 * Turns a validated scenario into what the simulator runs: resolved instance types, task shapes, workload
 * sources and strategy chains, after the checks a schema cannot express (references between sections,
 * ECS task-definition rules, strategy fields). Every problem carries its field path.
 */
import { createHash } from "node:crypto";
import { Cluster } from "../model/cluster.ts";
import { type InstanceType, resolveCatalog } from "../model/instance-types.ts";
import { compileTaskDefinition, type TaskDefinition, type TaskShape } from "../model/task-definition.ts";
import { compileChain, DEFAULT_CHAIN } from "../placement/registry.ts";
import type { PlacementStrategyStep } from "../placement/step.ts";
import { TaskGroups } from "../placement/task-groups.ts";
import {
  type CompiledDynamics,
  compileDynamics,
  compileSource,
  providerIndex,
  resolveStrategy,
  type WorkloadSource,
} from "./compile-dynamics.ts";
import type { FieldPath } from "./problems.ts";
import { MODELED_FIELDS, type Scenario } from "./schema.ts";

export type { WorkloadSource } from "./compile-dynamics.ts";

export interface InstanceGroup {
  type: InstanceType;
  count: number;
  zones: string[];
  attributes: Record<string, string>;
}

export interface StrategySpec {
  name: string;
  description: string;
  placementStrategy: PlacementStrategyStep[];
}

export interface CompiledScenario {
  name: string;
  description: string;
  /** sha256 of the validated scenario (defaults applied), so results name exactly what ran. */
  hash: string;
  seed: number;
  replications: number;
  horizon: number;
  warmup: number;
  sampleEvery: number;
  pending: "queue" | "fail";
  awsvpcTrunking: boolean;
  instanceTypes: InstanceType[];
  instanceGroups: InstanceGroup[];
  shapes: TaskShape[];
  sources: WorkloadSource[];
  strategies: StrategySpec[];
  portUniverse: string[];
  /** Services, failures, scaling (docs/dynamics.md). */
  dynamics: CompiledDynamics;
}

export interface CompileReport {
  error(path: FieldPath, message: string): void;
  warn(path: FieldPath, message: string): void;
}

/** Charts and stranded-capacity samples use this many points over the horizon unless sampleEvery is set. */
export const DEFAULT_SAMPLES = 240;

export function compileScenario(s: Scenario, report: CompileReport): CompiledScenario {
  if (s.horizon <= 0) report.error(["horizon"], "horizon must be longer than 0s");
  const warmup = s.warmup ?? 0;
  if (warmup >= s.horizon && s.horizon > 0)
    report.error(["warmup"], "warmup must be shorter than the horizon");

  const catalog = resolveCatalog(s.cluster.instanceTypes ?? {}, (name, message) =>
    report.error(["cluster", "instanceTypes", name], message),
  );
  const instanceTypes: InstanceType[] = [];
  const instanceGroups: InstanceGroup[] = [];
  s.cluster.instances.forEach((g, i) => {
    const type = catalog.get(g.type);
    if (!type) {
      report.error(
        ["cluster", "instances", i, "type"],
        `unknown instance type "${g.type}" (define it under cluster.instanceTypes)`,
      );
      return;
    }
    if (!instanceTypes.includes(type)) instanceTypes.push(type);
    instanceGroups.push({
      type,
      count: g.count,
      zones: g.zones ?? ["us-east-1a"],
      attributes: g.attributes ?? {},
    });
  });

  const families = new Map<string, number>();
  const shapes: TaskShape[] = s.taskDefinitions.map((raw, i) => {
    const def = raw as unknown as TaskDefinition;
    const at: FieldPath = ["taskDefinitions", i];
    if (families.has(def.family)) report.error([...at, "family"], `duplicate family "${def.family}"`);
    families.set(def.family, i);
    warnUnmodeled(raw, at, report);
    return compileTaskDefinition(def, (path, message) => report.error([...at, ...path], message));
  });

  shapes.forEach((shape, i) => {
    const fitsSomewhere = instanceTypes.some(
      (t) =>
        t.cpu >= shape.cpu &&
        t.memory >= shape.memory &&
        t.gpu >= shape.gpu &&
        (shape.eni === 0 || t.enis > 1),
    );
    if (!fitsSomewhere && instanceTypes.length > 0) {
      report.warn(
        ["taskDefinitions", i],
        `no instance type of the cluster can ever hold "${shape.family}" (cpu ${shape.cpu}, memory ${shape.memory} MiB, gpu ${shape.gpu})`,
      );
    }
  });

  const providers = providerIndex(s);
  const defaultStrategy = s.defaultCapacityProviderStrategy
    ? resolveStrategy(
        s.defaultCapacityProviderStrategy,
        ["defaultCapacityProviderStrategy"],
        providers,
        report,
      )
    : [];
  const sources: WorkloadSource[] = [];
  s.workload.forEach((w, i) => {
    const source = compileSource(w, i, families, providers, defaultStrategy, report);
    if (source) sources.push(source);
  });
  if (s.workload.length === 0 && (s.services ?? []).length === 0)
    report.error(["workload"], "a scenario needs a workload source or a service");
  const dynamics = compileDynamics(s, shapes, families, providers, defaultStrategy, report);

  const portUniverse = [...new Set(shapes.flatMap((sh) => sh.staticPorts))];
  const probe = new Cluster(portUniverse);
  const env = { cluster: probe, groups: new TaskGroups(probe) };
  const names = new Set<string>();
  const strategies: StrategySpec[] = s.strategies.map((st, i) => {
    if (names.has(st.name)) report.error(["strategies", i, "name"], `duplicate strategy name "${st.name}"`);
    names.add(st.name);
    const chain = st.placementStrategy ?? DEFAULT_CHAIN;
    try {
      compileChain(chain, env);
    } catch (e) {
      const m = /^(\d+): (.*)$/s.exec((e as Error).message);
      if (m) report.error(["strategies", i, "placementStrategy", Number(m[1])], m[2]!);
      else report.error(["strategies", i, "placementStrategy"], (e as Error).message);
    }
    return {
      name: st.name,
      description: st.description ?? describeChain(chain),
      placementStrategy: chain,
    };
  });

  return {
    name: s.name,
    description: s.description ?? "",
    hash: createHash("sha256").update(JSON.stringify(s)).digest("hex"),
    seed: s.seed,
    replications: s.replications,
    horizon: s.horizon,
    warmup,
    sampleEvery: s.sampleEvery ?? s.horizon / DEFAULT_SAMPLES,
    pending: s.pending,
    awsvpcTrunking: s.cluster.awsvpcTrunking ?? false,
    instanceTypes,
    instanceGroups,
    shapes,
    sources,
    strategies,
    portUniverse,
    dynamics,
  };
}

export function describeChain(chain: PlacementStrategyStep[]): string {
  return chain.map((step) => (step.field ? `${step.type}(${step.field})` : step.type)).join(" > ");
}

function warnUnmodeled(raw: Record<string, unknown>, at: FieldPath, report: CompileReport): void {
  const ignored: string[] = [];
  const collect = (obj: Record<string, unknown>, known: string[], prefix: string) => {
    for (const key of Object.keys(obj)) if (!known.includes(key)) ignored.push(prefix + key);
  };
  collect(raw, MODELED_FIELDS.taskDefinition, "");
  const containers = (raw.containerDefinitions ?? []) as Record<string, unknown>[];
  containers.forEach((c, i) => {
    collect(c, MODELED_FIELDS.containerDefinition, `containerDefinitions[${i}].`);
    ((c.portMappings ?? []) as Record<string, unknown>[]).forEach((p, j) =>
      collect(p, MODELED_FIELDS.portMapping, `containerDefinitions[${i}].portMappings[${j}].`),
    );
  });
  if (ignored.length > 0) report.warn(at, `ignoring ECS fields berth does not model: ${ignored.join(", ")}`);
}
