/**
 * Turns a validated scenario into what the simulator runs: resolved instance types, task shapes, workload
 * sources and strategy chains, after the checks a schema cannot express (references between sections,
 * ECS task-definition rules, strategy fields). Every problem carries its field path.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { awsId } from "../model/aws-ids.ts";
import { AGENT_RESERVED_PORTS, Cluster, MAX_RESERVED_PORTS } from "../model/cluster.ts";
import { type InstanceType, resolveCatalog } from "../model/instance-types.ts";
import { compileTaskDefinition, type TaskDefinition, type TaskShape } from "../model/task-definition.ts";
import { ClusterView } from "../placement/cluster-view.ts";
import {
  MAX_CONSTRAINTS,
  type ParsedConstraint,
  type PlacementConstraintSpec,
  parseConstraint,
} from "../placement/constraints.ts";
import { parseCqlDate } from "../placement/cql/values.ts";
import { ChainError, compileChain, DEFAULT_CHAIN, isModulePath } from "../placement/registry.ts";
import { describeChain, type StrategySpec } from "../placement/strategy-spec.ts";
import { TaskGroups } from "../placement/task-groups.ts";
import {
  type CompiledDynamics,
  compileDynamics,
  compileSource,
  providerIndex,
  resolveStrategy,
  type WorkloadSource,
} from "./compile-dynamics.ts";
import { addFargateCapacity } from "./compile-fargate.ts";
import { compileTrace, traceSource } from "./compile-trace.ts";
import { applyLoadFactor } from "./load-factor.ts";
import { type Gate, parseGate } from "./parse-gate.ts";
import { platformConstraints } from "./platform-constraints.ts";
import { type CompileReport, type FieldPath, formatPath } from "./problems.ts";
import { MODELED_FIELDS, type Scenario } from "./schema.ts";
import { compileServicePlacement, serviceConstraintCount, warnFixedPlacement } from "./service-placement.ts";

export type { WorkloadSource } from "./compile-dynamics.ts";
export type { CompileReport } from "./problems.ts";

export interface InstanceGroup {
  type: InstanceType;
  count: number;
  zones: string[];
  attributes: Record<string, string>;
  agentVersion?: string;
  /** Registration time in simulated seconds (negative: registered before the run starts); default 0. */
  registeredAt?: number;
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
  /** Unix milliseconds of simulated time 0 (cluster.startTime); default DEFAULT_START_TIME. */
  epochMs?: number;
  /** Placement constraints of each task definition (memberOf only), by shape index. */
  definitionConstraints: ParsedConstraint[][];
  /** Services, failures, scaling (docs/dynamics.md). */
  dynamics: CompiledDynamics;
}

/** Charts and stranded-capacity samples use this many points over the horizon unless sampleEvery is set. */
export const DEFAULT_SAMPLES = 240;

/** Simulated time 0 unless cluster.startTime says otherwise. */
export const DEFAULT_START_TIME = "2026-01-01T00:00:00Z";
export const DEFAULT_EPOCH_MS = Date.parse(DEFAULT_START_TIME);

export function compileScenario(validated: Scenario, report: CompileReport, baseDir = "."): CompiledScenario {
  const s = applyLoadFactor(validated);
  if (s.horizon <= 0) report.error(["horizon"], "horizon must be longer than 0s");
  const warmup = s.warmup ?? 0;
  if (warmup >= s.horizon && s.horizon > 0)
    report.error(["warmup"], "warmup must be shorter than the horizon");

  const catalog = resolveCatalog(s.cluster.instanceTypes ?? {}, (name, message) =>
    report.error(["cluster", "instanceTypes", name], message),
  );
  const epochMs = parseCqlDate(s.cluster.startTime ?? DEFAULT_START_TIME) ?? 0;
  if (s.cluster.startTime !== undefined && parseCqlDate(s.cluster.startTime) === undefined)
    report.error(
      ["cluster", "startTime"],
      `cannot read date "${s.cluster.startTime}" (use 2026-01-01 or 2026-01-01T00:00:00Z)`,
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
    let registeredAt = 0;
    if (g.registeredAt !== undefined) {
      const ms = parseCqlDate(g.registeredAt);
      if (ms === undefined)
        report.error(["cluster", "instances", i, "registeredAt"], `cannot read date "${g.registeredAt}"`);
      else registeredAt = (ms - epochMs) / 1000;
    }
    instanceGroups.push({
      type,
      count: g.count,
      zones: g.zones ?? ["us-east-1a"],
      attributes: instanceAttributes(g, type),
      registeredAt,
      ...(g.agentVersion !== undefined ? { agentVersion: g.agentVersion } : {}),
    });
  });

  const constraintsOf = (list: PlacementConstraintSpec[] | undefined, at: FieldPath): ParsedConstraint[] =>
    (list ?? []).flatMap((c, k) => {
      const parsed = parseConstraint(c, (path, message) => report.error([...at, k, ...path], message));
      return parsed ? [parsed] : [];
    });
  const families = new Map<string, number>();
  const definitionConstraints: ParsedConstraint[][] = [];
  const shapes: TaskShape[] = s.taskDefinitions.map((raw, i) => {
    const def = raw as unknown as TaskDefinition;
    const at: FieldPath = ["taskDefinitions", i];
    if (families.has(def.family)) report.error([...at, "family"], `duplicate family "${def.family}"`);
    families.set(def.family, i);
    warnUnmodeled(raw, at, report);
    const own = (raw as { placementConstraints?: PlacementConstraintSpec[] }).placementConstraints;
    own?.forEach((c, k) => {
      if (c.type === "distinctInstance")
        report.error(
          [...at, "placementConstraints", k, "type"],
          "a task definition accepts only memberOf constraints",
        );
    });
    definitionConstraints.push(constraintsOf(own, [...at, "placementConstraints"]));
    return compileTaskDefinition(def, (path, message) => report.error([...at, ...path], message));
  });

  shapes.forEach((shape, i) => {
    const fitsSomewhere = instanceTypes.some(
      (t) =>
        t.cpu >= shape.cpu &&
        t.memory >= shape.memory &&
        t.gpu >= shape.gpu &&
        (shape.eni === 0 || t.enis > 1) &&
        (shape.platform?.cpuArchitecture === undefined || t.architecture === shape.platform.cpuArchitecture),
    );
    const ec2 = shape.platform?.ec2 ?? true;
    if (!fitsSomewhere && ec2 && instanceTypes.length > 0) {
      report.warn(
        ["taskDefinitions", i],
        `no instance type of the cluster can ever hold "${shape.family}" (cpu ${shape.cpu}, memory ${shape.memory} MiB, gpu ${shape.gpu}${shape.platform?.cpuArchitecture ? `, ${shape.platform.cpuArchitecture}` : ""})`,
      );
    }
  });

  shapes.forEach((shape, i) => {
    for (const port of shape.staticPorts) {
      if (AGENT_RESERVED_PORTS.some((p) => `${p}/tcp` === port))
        report.warn(
          ["taskDefinitions", i],
          `host port ${port} is reserved by the ECS agent on every instance (${AGENT_RESERVED_PORTS.join(", ")}), so "${shape.family}" can never be placed`,
        );
    }
    const room = MAX_RESERVED_PORTS - AGENT_RESERVED_PORTS.length;
    if (shape.staticPorts.length > room)
      report.warn(
        ["taskDefinitions", i],
        `"${shape.family}" needs ${shape.staticPorts.length} static host ports; an instance holds at most ${MAX_RESERVED_PORTS} reserved ports, ${AGENT_RESERVED_PORTS.length} of them the agent's, so it can never be placed`,
      );
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
  let traceHash = "";
  s.workload.forEach((w, i) => {
    if (w.trace) {
      const trace = compileTrace(
        w.trace,
        ["workload", i, "trace"],
        s.horizon,
        s.seed,
        baseDir,
        shapes,
        definitionConstraints,
        report,
      );
      if (!trace) return;
      traceHash += trace.hash;
      const own = constraintsOf(w.placementConstraints, ["workload", i, "placementConstraints"]);
      sources.push(traceSource(w, i, trace, own));
      return;
    }
    const source = compileSource(w, i, families, providers, defaultStrategy, report);
    if (!source) return;
    const own = constraintsOf(w.placementConstraints, ["workload", i, "placementConstraints"]);
    const most = Math.max(...source.mix.map((entry) => definitionConstraints[entry.shape]?.length ?? 0));
    if (own.length + most > MAX_CONSTRAINTS)
      report.error(
        ["workload", i, "placementConstraints"],
        `tasks of this workload would carry ${own.length + most} placement constraints (task definition's and workload's); ECS allows at most ${MAX_CONSTRAINTS}`,
      );
    sources.push({ ...source, constraints: own });
  });
  if (s.workload.length === 0 && (s.services ?? []).length === 0)
    report.error(["workload"], "a scenario needs a workload source or a service");
  const dynamics = compileDynamics(s, shapes, families, providers, defaultStrategy, report);

  const portUniverse = [...new Set(shapes.flatMap((sh) => sh.staticPorts))];
  const probe = new Cluster(portUniverse);
  const probeGroups = new TaskGroups(probe);
  const env = { view: new ClusterView(probe, probeGroups), groups: probeGroups, seed: s.seed, taskMix: [] };
  compileServicePlacement(s, dynamics, definitionConstraints, constraintsOf, env, report);
  warnFixedPlacement(s, dynamics, s.strategies.length, report);
  const names = new Set<string>();
  const strategies: StrategySpec[] = s.strategies.map((st, i) => {
    if (names.has(st.name)) report.error(["strategies", i, "name"], `duplicate strategy name "${st.name}"`);
    names.add(st.name);
    const chain = st.placementStrategy ?? DEFAULT_CHAIN;
    const modulePaths: Record<string, string> = Object.create(null);
    chain.forEach((step, k) => {
      if (!isModulePath(step.type)) return;
      const path = resolve(baseDir, step.type);
      if (!existsSync(path))
        report.error(["strategies", i, "placementStrategy", k, "type"], `no strategy file at ${step.type}`);
      modulePaths[step.type] = path;
    });
    // Steps naming strategy files are checked when the files load (berth run); the others now, with a
    // stand-in for each file.
    const stubs = new Map(
      Object.keys(modulePaths).map((type) => [type, { name: type, description: type, setup: () => ({}) }]),
    );
    try {
      compileChain(chain, { ...env, modules: stubs });
    } catch (e) {
      const at: FieldPath = ["strategies", i, "placementStrategy"];
      if (e instanceof ChainError) report.error(e.step === undefined ? at : [...at, e.step], e.detail);
      else report.error(at, (e as Error).message);
    }
    const constraints = constraintsOf(st.placementConstraints, ["strategies", i, "placementConstraints"]);
    sources.forEach((src, k) => {
      const fromDefinitions = Math.max(
        ...src.mix.map((entry) => definitionConstraints[entry.shape]?.length ?? 0),
      );
      const total = (src.constraints?.length ?? 0) + fromDefinitions + constraints.length;
      if (constraints.length > 0 && total > MAX_CONSTRAINTS)
        report.error(
          ["strategies", i, "placementConstraints"],
          `tasks of workload ${k} would carry ${total} placement constraints with this strategy's; ECS allows at most ${MAX_CONSTRAINTS}`,
        );
    });
    dynamics.services.forEach((sv, k) => {
      const total = serviceConstraintCount(dynamics, k, definitionConstraints) + constraints.length;
      if (constraints.length > 0 && total > MAX_CONSTRAINTS)
        report.error(
          ["strategies", i, "placementConstraints"],
          `tasks of service ${sv.name} would carry ${total} placement constraints with this strategy's; ECS allows at most ${MAX_CONSTRAINTS}`,
        );
    });
    const providerStrategy = st.capacityProviderStrategy
      ? resolveStrategy(
          st.capacityProviderStrategy,
          ["strategies", i, "capacityProviderStrategy"],
          providers,
          report,
        )
      : undefined;
    const rebalance = st.rebalance;
    const described =
      describeChain(chain) + (rebalance ? ` + ${rebalance.rebalancer} every ${rebalance.every}s` : "");
    return {
      name: st.name,
      description: st.description ?? described,
      placementStrategy: chain,
      ...(rebalance ? { rebalance } : {}),
      constraints,
      ...(Object.keys(modulePaths).length > 0 ? { modulePaths } : {}),
      ...(providerStrategy ? { providerStrategy } : {}),
    };
  });
  addFargateCapacity(
    s,
    shapes,
    instanceTypes,
    instanceGroups,
    dynamics,
    sources,
    strategies.map((st) => st.providerStrategy),
    report,
  );

  const gates: Gate[] = [];
  (s.gates ?? []).forEach((text, i) => {
    const path: FieldPath = ["gates", i];
    const gate = parseGate(
      text,
      report.where?.(path) ?? formatPath(path),
      (s.services ?? []).map((x) => x.name),
    );
    if (typeof gate === "string") report.error(path, gate);
    else if (gate.strategy !== undefined && !names.has(gate.strategy)) {
      report.error(path, `gate names strategy "${gate.strategy}", not one of ${[...names].join(", ")}`);
    } else gates.push(gate);
  });

  return {
    name: s.name,
    description: s.description ?? "",
    hash: createHash("sha256")
      .update(JSON.stringify(validated) + traceHash)
      .digest("hex"),
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
    epochMs,
    // runtimePlatform and requiresAttributes bind like constraints but are not counted among the ten.
    definitionConstraints: definitionConstraints.map((own, i) => [
      ...own,
      ...platformConstraints(shapes[i]?.platform),
    ]),
    dynamics,
  };
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

/**
 * The built-in attributes a group's AMI decides (ecs.os-type, ecs.os-family, ecs.ami-id, ecs.vpc-id), then
 * the group's own attributes, which may override them.
 */
function instanceAttributes(
  g: Scenario["cluster"]["instances"][number],
  type: InstanceType,
): Record<string, string> {
  const os = g.osFamily ?? "LINUX";
  return {
    "ecs.os-type": os === "LINUX" ? "linux" : "windows",
    "ecs.os-family": os,
    "ecs.ami-id": awsId("ami", `ecs-optimized/${os}/${type.architecture}`),
    "ecs.vpc-id": awsId("vpc", "cluster"),
    ...(g.attributes ?? {}),
  };
}
