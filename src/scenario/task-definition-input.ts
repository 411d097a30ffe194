/**
 * Task definitions as users paste them, made ready for the schema:
 * - `{ file: ./td.json }` reads a task definition from a JSON (or YAML) file next to the scenario, so JSON
 *   never has to be re-indented into YAML;
 * - the `aws ecs describe-task-definition` output wraps the definition in `taskDefinition`: it is unwrapped
 *   (in a file or inline);
 * - JSON `null` means "unset" in the ECS API (console exports and the guide's examples use it), so null
 *   fields are dropped.
 * Problems inside a definition read from a file point at that file's line and column.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type FieldPath, InputError, type Problem } from "./problems.ts";
import { parseSource, type SourceDocument } from "./source-map.ts";

interface Origin {
  doc: SourceDocument;
  /** Path of the definition inside `doc`. */
  prefix: FieldPath;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** A copy without null-valued object fields (recursively). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}

/** The definition inside a describe-task-definition document, or the document itself. */
function unwrap(value: unknown): { def: unknown; prefix: FieldPath } {
  if (isObject(value) && isObject(value.taskDefinition) && value.containerDefinitions === undefined)
    return { def: value.taskDefinition, prefix: ["taskDefinition"] };
  return { def: value, prefix: [] };
}

/**
 * Returns a source document whose data has every task definition expanded, and whose problem() and
 * locate() point into the file a definition came from.
 */
export function expandTaskDefinitions(source: SourceDocument, baseDir: string): SourceDocument {
  const data = source.data;
  if (!isObject(data) || !Array.isArray(data.taskDefinitions)) return source;
  const origins = new Map<number, Origin>();
  const errors: Problem[] = [];
  const definitions = data.taskDefinitions.map((entry, i) => {
    if (isObject(entry) && typeof entry.file === "string" && Object.keys(entry).length === 1) {
      const doc = readDefinitionFile(baseDir, entry.file, source, i, errors);
      if (!doc) return entry;
      const { def, prefix } = unwrap(doc.data);
      origins.set(i, { doc, prefix });
      return withoutNulls(def);
    }
    const { def, prefix } = unwrap(entry);
    if (prefix.length > 0) origins.set(i, { doc: source, prefix: ["taskDefinitions", i, ...prefix] });
    return withoutNulls(def);
  });
  if (errors.length > 0) throw new InputError(errors);
  if (origins.size === 0) return { ...source, data: { ...data, taskDefinitions: definitions } };

  const redirect = (path: FieldPath): { doc: SourceDocument; path: FieldPath } => {
    const origin =
      path[0] === "taskDefinitions" && typeof path[1] === "number" ? origins.get(path[1]) : undefined;
    return origin ? { doc: origin.doc, path: [...origin.prefix, ...path.slice(2)] } : { doc: source, path };
  };
  return {
    ...source,
    data: { ...data, taskDefinitions: definitions },
    locate: (path) => {
      const r = redirect(path);
      return r.doc.locate(r.path);
    },
    problem: (path, message) => {
      const r = redirect(path);
      return { file: r.doc.file, ...r.doc.locate(r.path), path, message };
    },
  };
}

function readDefinitionFile(
  baseDir: string,
  written: string,
  source: SourceDocument,
  i: number,
  errors: Problem[],
): SourceDocument | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(baseDir, written), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code;
    errors.push(source.problem(["taskDefinitions", i, "file"], `cannot read "${written}": ${why}`));
    return undefined;
  }
  const doc = parseSource(join(baseDir, written), text);
  if (doc.syntaxProblems.length > 0) {
    errors.push(...doc.syntaxProblems);
    return undefined;
  }
  if (!isObject(doc.data)) {
    errors.push(doc.problem([], "a task definition file holds one JSON object"));
    return undefined;
  }
  return doc;
}
