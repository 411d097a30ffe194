/**
 * Turns a validated scenario into what the simulator runs: resolved instance types, task shapes, workload
 * sources and strategy chains, after the checks a schema cannot express (references between sections,
 * ECS task-definition rules, strategy fields). Every problem carries its field path.
 */
import { createHash } from "node:crypto";
import type { DistributionSpec } from "../core/distributions.ts";
import { Cluster } from "../model/cluster.ts";
import { type InstanceType, resolveCatalog } from "../model/instance-types.ts";
import { compileTaskDefinition, type TaskDefinition, type TaskShape } from "../model/task-definition.ts";
import { compileChain, DEFAULT_CHAIN } from "../placement/registry.ts";
import type { PlacementStrategyStep } from "../placement/step.ts";
import { TaskGroups } from "../placement/task-groups.ts";
import { type Gate, parseGate } from "../stats/gates/parse-gate.ts";
import { type FieldPath, formatPath } from "./problems.ts";
import { type ArrivalOutput, MODELED_FIELDS, type Scenario } from "./schema.ts";

export interface InstanceGroup {
  type: InstanceType;
  count: number;
  zones: string[];
  attributes: Record<string, string>;
}

export interface WorkloadSource {
  name: string;
  shape: number;
  group: string;
  arrival: ArrivalOutput;
  duration: DistributionSpec;
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
  /** Regression gates declared in the scenario (`gates:`). */
  gates: Gate[];
}

export interface CompileReport {
  error(path: FieldPath, message: string): void;
  warn(path: FieldPath, message: string): void;
  /** "file:line:col field.path" of a field, for messages produced after compilation. */
  where?(path: FieldPath): string;
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

  const sources: WorkloadSource[] = [];
  s.workload.forEach((w, i) => {
    const shape = families.get(w.taskDefinition);
    if (shape === undefined) {
      report.error(["workload", i, "taskDefinition"], `no task definition with family "${w.taskDefinition}"`);
      return;
    }
    sources.push({
      name: w.name ?? `${w.taskDefinition}#${i}`,
      shape,
      group: w.group ?? `family:${w.taskDefinition}`,
      arrival: w.arrival,
      duration: w.duration as DistributionSpec,
    });
  });

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

  const gates: Gate[] = [];
  (s.gates ?? []).forEach((text, i) => {
    const path: FieldPath = ["gates", i];
    const gate = parseGate(text, report.where?.(path) ?? formatPath(path));
    if (typeof gate === "string") report.error(path, gate);
    else if (gate.strategy !== undefined && !names.has(gate.strategy)) {
      report.error(path, `gate names strategy "${gate.strategy}", not one of ${[...names].join(", ")}`);
    } else gates.push(gate);
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
    gates,
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
