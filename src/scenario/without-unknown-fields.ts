/**
 * A section the schema rejects only for unknown (misspelt) fields is still sound for the compile phases:
 * nothing reads those fields, so the section without them is what the phases would see once the user fixes
 * the spelling. The unknown fields themselves are reported by the schema pass; this only lets the checks
 * across sections (references, ECS rules) run beside them.
 */
import type { z } from "zod";

/** `schema` parsed on `value` without the fields it does not know, when those were its only problems. */
export function parseWithoutUnknownFields<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.ZodSafeParseResult<z.output<S>> {
  const first = schema.safeParse(value);
  if (first.success || !first.error.issues.every((i) => i.code === "unrecognized_keys")) return first;
  const copy = structuredClone(value);
  for (const issue of first.error.issues) {
    if (issue.code !== "unrecognized_keys") continue;
    let node: unknown = copy;
    for (const part of issue.path) node = (node as Record<PropertyKey, unknown> | undefined)?.[part];
    if (node === null || typeof node !== "object") return first;
    for (const key of issue.keys) delete (node as Record<string, unknown>)[key];
  }
  const second = schema.safeParse(copy);
  return second.success ? second : first;
}
