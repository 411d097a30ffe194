/**
 * The field names a zod schema accepts at a path of the document, for "did you mean" on a misspelt key:
 * objects give their keys, arrays and records their elements, wrappers (optional, default, pipe, lazy...)
 * their inner schema, unions and intersections the keys of every branch.
 */
import type { z } from "zod";

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;

export function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  collect(schema, path, keys, 0);
  return [...keys];
}

function collect(schema: unknown, path: readonly (string | number)[], out: Set<string>, depth: number): void {
  const def = defOf(schema);
  if (!def || depth > 64) return;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      collect(def.innerType, path, out, depth + 1);
      return;
    case "pipe":
      collect(def.in, path, out, depth + 1);
      return;
    case "lazy":
      collect((def.getter as () => unknown)(), path, out, depth + 1);
      return;
    case "union":
      for (const option of def.options as unknown[]) collect(option, path, out, depth + 1);
      return;
    case "intersection":
      collect(def.left, path, out, depth + 1);
      collect(def.right, path, out, depth + 1);
      return;
    case "array":
      if (path.length > 0) collect(def.element, path.slice(1), out, depth + 1);
      return;
    case "record":
      if (path.length > 0) collect(def.valueType, path.slice(1), out, depth + 1);
      return;
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      if (path.length === 0) {
        for (const key of Object.keys(shape)) out.add(key);
        return;
      }
      const head = path[0]!;
      if (typeof head === "string" && Object.hasOwn(shape, head))
        collect(shape[head], path.slice(1), out, depth + 1);
      return;
    }
  }
}
