/**
 * When a scenario fails the schema, the later checks (references between sections, ECS task-definition
 * rules, Fargate sizes, ...) can still run on the rest of it if every schema problem is one that can be set
 * aside without changing the meaning of anything else:
 *   - an unknown field: removed (it carries no meaning the compiler would read);
 *   - an invalid value of an optional field: removed, so its default applies; later problems at that
 *     field, inside it or at an object holding it are not reported, as they could stem from the default.
 * Any other problem (a required field missing or invalid, a bad array element, a bad document) means the
 * later checks wait until it is fixed. The copy must then pass the schema, or nothing is set aside.
 */
import type { z } from "zod";
import type { FieldPath, Problem } from "./problems.ts";

export interface SetAside {
  /** A copy of the document without the set-aside fields. */
  data: unknown;
  /** Paths of invalid optional values removed (unknown fields are not listed: nothing depends on them). */
  removed: FieldPath[];
}

/** The document with its schema problems set aside, or undefined when one cannot be. */
export function setAsideSchemaProblems(
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
): SetAside | undefined {
  const copy = structuredClone(data);
  const removed: FieldPath[] = [];
  for (const issue of issues) {
    if (issue.path.some((p) => typeof p === "symbol")) return undefined;
    const path = issue.path as FieldPath;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) if (!removeField(copy, [...path, key])) return undefined;
      continue;
    }
    // Only a named field can be left out; a whole document or an array element cannot.
    if (typeof path.at(-1) !== "string" || !removeField(copy, path)) return undefined;
    removed.push(path);
  }
  return { data: copy, removed };
}

/** Whether a later problem could be caused by removing one of `removed` (at, inside or above it). */
export function touchesSetAside(problem: Problem, removed: readonly FieldPath[]): boolean {
  return removed.some((r) => isPrefix(problem.path, r) || isPrefix(r, problem.path));
}

function isPrefix(a: FieldPath, b: FieldPath): boolean {
  return a.length <= b.length && a.every((part, i) => part === b[i]);
}

function removeField(data: unknown, path: FieldPath): boolean {
  let node: unknown = data;
  for (const part of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<string | number, unknown>)[part];
  }
  const last = path.at(-1);
  if (node === null || typeof node !== "object" || Array.isArray(node) || typeof last !== "string")
    return false;
  if (!Object.hasOwn(node, last)) return false;
  delete (node as Record<string, unknown>)[last];
  return true;
}
