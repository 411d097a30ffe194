/**
 * ecs: your own cluster, from what the AWS CLI and EventBridge print (no network access: you run the
 * commands, berth reads their output). Files are told apart by their content:
 *   aws ecs describe-container-instances  {"containerInstances": [...]}  -> the instances: registered CPU
 *       and MEMORY (registeredResources), instance type and zone (attributes ecs.instance-type and
 *       ecs.availability-zone), custom attributes (names not starting with "ecs.") on their group;
 *   aws ecs describe-task-definition      {"taskDefinition": {...}}      -> pasted as task definitions
 *       (the fields berth models), and the shape of each task that names it;
 *   aws ecs describe-tasks                {"tasks": [...]}
 *   EventBridge "ECS Task State Change"   NDJSON, one event per line     -> the observed tasks: created at
 *       createdAt, running stoppedAt - startedAt, shape from the task definition when given, else the task's
 *       cpu and memory; group as ECS reports it ("service:web", "family:batch");
 *   aws ecs describe-services             {"services": [...]}           -> the placementStrategy they use,
 *       offered as the strategy "as-observed".
 * Several records of one task (events, describe-tasks) are merged by taskArn: the latest non-empty value
 * of each time wins. Tasks never started are skipped by reason.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { compileTaskDefinition, type TaskDefinition, type TaskShape } from "../model/task-definition.ts";
import { MODELED_FIELDS } from "../scenario/schema.ts";
import { LineReader } from "../trace/line-reader.ts";
import {
  type ImportedGroup,
  type ImportedType,
  ImportLedger,
  type ImportOptions,
  type ImportResult,
  taskRow,
} from "./import-result.ts";

type Json = Record<string, unknown>;

interface ObservedTask {
  arn: string;
  definition: string;
  group: string;
  createdAt?: number;
  startedAt?: number;
  stoppedAt?: number;
  cpu?: number;
  memory?: number;
  where: string;
}

/** The task-definition fields berth models (what the scenario loader reads without a warning). */
const MODELED_DEFINITION = MODELED_FIELDS.taskDefinition.filter((f) => f !== "startupTime");
const MODELED_CONTAINER = MODELED_FIELDS.containerDefinition;

/** Seconds since the epoch from an ISO date or epoch seconds (the AWS CLI prints either). */
export function epochSeconds(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v > 1e11 ? v / 1000 : v;
  if (typeof v === "string" && v !== "") {
    if (/^\d+(\.\d+)?$/.test(v)) return epochSeconds(Number(v));
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms / 1000;
  }
  return undefined;
}

function pick(obj: Json, keys: string[]): Json {
  const out: Json = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function familyOf(arn: string): string {
  const m = /task-definition\/([^:]+)(?::\d+)?$/.exec(arn);
  return m ? m[1]! : arn;
}

export function importEcs(files: string[], options: ImportOptions): ImportResult {
  const ledger = new ImportLedger(options);
  const { stats } = ledger;
  const instances: Json[] = [];
  const definitions = new Map<string, Json>();
  const observed = new Map<string, ObservedTask>();
  let observedStrategy: { type: string; field?: string }[] | undefined;

  const noteTask = (t: Json, where: string) => {
    const arn = typeof t.taskArn === "string" ? t.taskArn : "";
    if (arn === "") {
      stats.skip("task without taskArn", where);
      return;
    }
    let o = observed.get(arn);
    if (!o) {
      o = { arn, definition: "", group: "", where };
      observed.set(arn, o);
    } else stats.adjust("another record of the same task (merged)", where);
    if (typeof t.taskDefinitionArn === "string") o.definition = t.taskDefinitionArn;
    if (typeof t.group === "string") o.group = t.group;
    for (const k of ["createdAt", "startedAt", "stoppedAt"] as const) {
      const s = epochSeconds(t[k]);
      if (s !== undefined) o[k] = s;
    }
    const cpu = Number(t.cpu);
    const memory = Number(t.memory);
    if (t.cpu !== undefined && Number.isFinite(cpu)) o.cpu = cpu;
    if (t.memory !== undefined && Number.isFinite(memory)) o.memory = memory;
  };

  for (const file of files) {
    const label = basename(file);
    const text = readFileSync(file, "utf8").trimStart();
    let doc: Json | undefined;
    if (text.startsWith("{")) {
      try {
        doc = JSON.parse(text) as Json;
      } catch {
        doc = undefined; // NDJSON: one object per line
      }
    }
    if (!doc) {
      const lines = new LineReader(file);
      for (let line = lines.next(); line !== undefined; line = lines.next()) {
        if (line.trim() === "") continue;
        stats.rowsRead++;
        const where = `${label}:${lines.line}`;
        let ev: Json;
        try {
          ev = JSON.parse(line) as Json;
        } catch {
          stats.skip("not JSON", where);
          continue;
        }
        const type = String(ev["detail-type"] ?? "");
        ledger.count(type || "(no detail-type)");
        if (type !== "ECS Task State Change" || typeof ev.detail !== "object" || ev.detail === null) {
          stats.skip("not an ECS Task State Change event", where);
          continue;
        }
        noteTask(ev.detail as Json, where);
      }
      continue;
    }
    const rows = (key: string) => (Array.isArray(doc![key]) ? (doc![key] as Json[]) : undefined);
    if (rows("containerInstances")) {
      rows("containerInstances")!.forEach((ci, k) => {
        stats.rowsRead++;
        ledger.count("container instance");
        if (ci.status !== undefined && ci.status !== "ACTIVE" && ci.status !== "DRAINING")
          stats.skip(`container instance ${String(ci.status)}`, `${label}:containerInstances[${k}]`);
        else instances.push(ci);
      });
    } else if (doc.taskDefinition && typeof doc.taskDefinition === "object") {
      stats.rowsRead++;
      ledger.count("task definition");
      const td = doc.taskDefinition as Json;
      const arn = typeof td.taskDefinitionArn === "string" ? td.taskDefinitionArn : String(td.family);
      const clean = pick(td, MODELED_DEFINITION);
      if (Array.isArray(clean.containerDefinitions))
        clean.containerDefinitions = (clean.containerDefinitions as Json[]).map((c) =>
          pick(c, MODELED_CONTAINER),
        );
      definitions.set(arn, clean);
    } else if (rows("tasks")) {
      rows("tasks")!.forEach((t, k) => {
        stats.rowsRead++;
        ledger.count("described task");
        noteTask(t, `${label}:tasks[${k}]`);
      });
    } else if (rows("services")) {
      rows("services")!.forEach((s) => {
        stats.rowsRead++;
        ledger.count("service");
        const ps = s.placementStrategy;
        if (Array.isArray(ps) && ps.length > 0 && !observedStrategy)
          observedStrategy = (ps as Json[]).map((p) => ({
            type: String(p.type),
            ...(typeof p.field === "string" ? { field: p.field } : {}),
          }));
      });
    } else {
      throw new Error(
        `ecs: ${label} is none of describe-container-instances, describe-tasks, describe-services, describe-task-definition or EventBridge NDJSON`,
      );
    }
  }

  // Task shapes from the task definitions given, by ARN and by family.
  const shapes = new Map<string, TaskShape>();
  for (const [arn, td] of definitions) {
    const shape = compileTaskDefinition(td as unknown as TaskDefinition, () => {});
    shapes.set(arn, shape);
    shapes.set(shape.family, shape);
  }
  for (const o of observed.values()) {
    if (o.startedAt === undefined) {
      stats.skip("task never started", o.where);
      continue;
    }
    const submit = o.createdAt ?? o.startedAt;
    const shape = shapes.get(o.definition) ?? shapes.get(familyOf(o.definition));
    const cpu = shape?.cpu ?? o.cpu;
    const memory = shape?.memory ?? o.memory;
    if (memory === undefined) {
      stats.skip("no memory: give its task definition (describe-task-definition)", o.where);
      continue;
    }
    ledger.add(
      taskRow({
        submit,
        duration:
          o.stoppedAt === undefined ? Number.POSITIVE_INFINITY : Math.max(0, o.stoppedAt - o.startedAt),
        cpu: cpu ?? 0,
        memory,
        gpu: shape?.gpu ?? 0,
        ports: shape?.staticPorts ?? [],
        family: shape?.family ?? familyOf(o.definition),
        group: o.group || `family:${familyOf(o.definition)}`,
      }),
      o.where,
    );
  }
  const { types, groups } = fleetOf(instances);
  return ledger.result({
    format: "ecs",
    types,
    groups,
    taskDefinitions: [...new Map([...definitions.values()].map((d) => [String(d.family), d])).values()],
    ...(observedStrategy ? { observedStrategy } : {}),
    notes: [
      "Instances register the CPU and memory the cluster reported; observed tasks replay from createdAt for stoppedAt - startedAt.",
    ],
  });
}

function resource(ci: Json, name: string): number | undefined {
  const list = Array.isArray(ci.registeredResources) ? (ci.registeredResources as Json[]) : [];
  const r = list.find((x) => x.name === name);
  const v = r?.integerValue;
  return typeof v === "number" ? v : undefined;
}

function fleetOf(instances: Json[]): { types: ImportedType[]; groups: ImportedGroup[] } {
  const types = new Map<string, ImportedType>();
  const groups = new Map<string, ImportedGroup>();
  for (const ci of instances) {
    const attrs = new Map<string, string>();
    for (const a of Array.isArray(ci.attributes) ? (ci.attributes as Json[]) : [])
      if (typeof a.name === "string" && typeof a.value === "string") attrs.set(a.name, a.value);
    const cpu = resource(ci, "CPU") ?? 0;
    const memory = resource(ci, "MEMORY") ?? 0;
    const base = attrs.get("ecs.instance-type") ?? "instance";
    const name = `${base}-registered-${cpu}-${memory}`;
    if (!types.has(name)) types.set(name, { name, cpu, memory });
    const zone = attrs.get("ecs.availability-zone");
    const custom = Object.fromEntries([...attrs].filter(([k]) => !k.startsWith("ecs.")).sort());
    const key = `${name}\u0000${zone ?? ""}\u0000${JSON.stringify(custom)}`;
    const g = groups.get(key);
    if (g) g.count++;
    else
      groups.set(key, {
        type: name,
        count: 1,
        ...(zone ? { zone } : {}),
        ...(Object.keys(custom).length > 0 ? { attributes: custom } : {}),
      });
  }
  return { types: [...types.values()], groups: [...groups.values()] };
}
