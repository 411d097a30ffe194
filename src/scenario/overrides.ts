/**
 * Field overrides applied to a scenario's parsed document before validation: `--set PATH=VALUE` on the
 * command line, and the cells of a sweep grid. A path is checked against the scenario's JSON Schema (so a
 * misspelt field is refused before anything runs); the value is then validated with the rest of the
 * scenario, and any problem at or under an overridden path is reported against the override, not the file.
 */
import { z } from "zod";
import { type FieldPath, formatPath } from "./problems.ts";
import { ScenarioSchema } from "./schema.ts";
import { yamlEngine } from "./yaml-engine.ts";

export interface Override {
  path: FieldPath;
  value: unknown;
  /** How the user wrote it, named in messages: `--set cluster.instances[0].count=12`. */
  origin: string;
}

/** "cluster.instances[0].count" -> ["cluster", "instances", 0, "count"]; a string on a malformed path. */
export function parseFieldPath(text: string): FieldPath | string {
  const path: FieldPath = [];
  const re = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|(\.)/gy;
  let expectName = true;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    m = re.exec(text);
    if (!m) return `cannot read field path "${text}" at character ${at + 1}`;
    if (m[1] !== undefined) {
      if (!expectName) return `cannot read field path "${text}": missing "." before "${m[1]}"`;
      path.push(m[1]);
      expectName = false;
    } else if (m[2] !== undefined) {
      if (expectName) return `cannot read field path "${text}": "[${m[2]}]" must follow a field name`;
      path.push(Number(m[2]));
    } else {
      if (expectName) return `cannot read field path "${text}": empty field name`;
      expectName = true;
    }
    at = re.lastIndex;
  }
  if (path.length === 0 || expectName) return `cannot read field path "${text}"`;
  return path;
}

/** Parses `PATH=VALUE`; VALUE is read as YAML (12 -> number, c5.xlarge -> string, [a, b] -> list). */
export function parseSetFlag(text: string, flag = "--set"): Override | string {
  const eq = text.indexOf("=");
  const origin = `${flag} ${text}`;
  if (eq <= 0) return `${origin}: expected PATH=VALUE, e.g. ${flag} cluster.instances[0].count=12`;
  const path = parseFieldPath(text.slice(0, eq));
  if (typeof path === "string") return `${origin}: ${path}`;
  let value: unknown;
  try {
    value = yamlEngine().parse(text.slice(eq + 1));
  } catch (e) {
    return `${origin}: cannot read the value: ${(e as Error).message.split("\n")[0]}`;
  }
  const bad = schemaPathProblem(path);
  if (bad) return `${origin}: ${bad}`;
  return { path, value: value === null && text.slice(eq + 1) === "" ? "" : value, origin };
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

let cachedSchema: JsonSchema | undefined;
function scenarioSchema(): JsonSchema {
  cachedSchema ??= z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return cachedSchema;
}

/** The alternatives a schema node stands for (its anyOf / oneOf branches, or itself). */
function alternatives(s: JsonSchema): JsonSchema[] {
  const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  return branches.length > 0 ? branches.flatMap(alternatives) : [s];
}

/** Why `path` names no field of the scenario schema, or undefined if it does. */
export function schemaPathProblem(path: FieldPath): string | undefined {
  let nodes = [scenarioSchema()];
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const next: JsonSchema[] = [];
    for (const node of nodes.flatMap(alternatives)) {
      if (typeof part === "number") {
        if (node.items) next.push(node.items);
        continue;
      }
      const prop = node.properties
        ? Object.hasOwn(node.properties, part) && node.properties[part]
        : undefined;
      if (prop) next.push(prop);
      else if (node.additionalProperties && typeof node.additionalProperties === "object")
        next.push(node.additionalProperties);
      else if (node.additionalProperties === true || (node.type === "object" && !node.properties))
        next.push({});
    }
    if (next.length === 0) {
      const where = i === 0 ? "the scenario" : formatPath(path.slice(0, i));
      if (typeof part === "number") return `${where} is not a list`;
      const known = nodes
        .flatMap(alternatives)
        .flatMap((n) => Object.keys(n.properties ?? {}))
        .filter((k, j, all) => all.indexOf(k) === j);
      return `${where} has no field "${part}"${known.length > 0 ? ` (fields: ${known.join(", ")})` : ""}`;
    }
    nodes = next;
  }
  return undefined;
}

/**
 * Writes each override into `data` (a parsed scenario document, modified in place). Missing objects on
 * the way are created; a list index must exist (or be the list's length, which appends).
 * Returns the problems, one per override that could not be applied.
 */
export function applyOverrides(
  data: unknown,
  overrides: readonly Override[],
): { origin: string; message: string }[] {
  const problems: { origin: string; message: string }[] = [];
  for (const o of overrides) {
    let node = data as Record<string | number, unknown>;
    let failed: string | undefined;
    for (let i = 0; i < o.path.length - 1; i++) {
      const part = o.path[i]!;
      const here = formatPath(o.path.slice(0, i + 1));
      if (typeof part === "number" && (!Array.isArray(node) || part > node.length)) {
        failed = Array.isArray(node)
          ? `${here}: the list has ${node.length} entries (index from 0)`
          : `${formatPath(o.path.slice(0, i))} is not a list in this scenario`;
        break;
      }
      let child = node[part];
      if (child === undefined || child === null) {
        child = typeof o.path[i + 1] === "number" ? [] : Object.create(null);
        node[part] = child;
      }
      if (typeof child !== "object") {
        failed = `${here} is ${JSON.stringify(child)} in this scenario, not a mapping or list`;
        break;
      }
      node = child as Record<string | number, unknown>;
    }
    const last = o.path[o.path.length - 1]!;
    if (!failed && typeof last === "number" && (!Array.isArray(node) || last > node.length))
      failed = Array.isArray(node)
        ? `${formatPath(o.path)}: the list has ${node.length} entries (index from 0)`
        : `${formatPath(o.path.slice(0, -1))} is not a list in this scenario`;
    if (failed) problems.push({ origin: o.origin, message: failed });
    else node[last] = structuredClone(o.value);
  }
  return problems;
}

/**
 * The override a problem at `path` belongs to: the last one whose path is a prefix of it or, failing that,
 * the last one inside the object the problem is about (a rule across fields, e.g. "exactly one rate").
 */
export function overrideAt(overrides: readonly Override[], path: FieldPath): Override | undefined {
  const isPrefix = (a: FieldPath, b: FieldPath) => a.length <= b.length && a.every((p, i) => p === b[i]);
  let found: Override | undefined;
  for (const o of overrides) if (isPrefix(o.path, path)) found = o;
  if (found || path.length === 0) return found;
  for (const o of overrides) if (isPrefix(path, o.path)) found = o;
  return found;
}
