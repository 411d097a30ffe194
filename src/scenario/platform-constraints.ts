/**
 * The placement requirements a task definition implies without writing a constraint (runtimePlatform,
 * requiresAttributes), as memberOf checks against the instances' attributes:
 * - cpuArchitecture ARM64 / X86_64 -> attribute:ecs.cpu-architecture == arm64 / x86_64;
 * - operatingSystemFamily LINUX -> attribute:ecs.os-type == linux; WINDOWS_SERVER_* -> attribute:ecs.os-family
 *   == that family;
 * - requiresAttributes {name} -> attribute:name exists; {name, value} -> attribute:name == value.
 * They are binding like constraints but do not count toward the ten placement constraints of a task.
 */
import type { TaskPlatform } from "../model/task-platform.ts";
import type { ParsedConstraint } from "../placement/constraints.ts";
import type { Expression } from "../placement/cql/ast.ts";

function attributeCheck(name: string, value: string | undefined, source: string): ParsedConstraint {
  const tree: Expression = {
    kind: "compare",
    subject: { kind: "attribute", name },
    op: value === undefined ? "exists" : "==",
    args: value === undefined ? [] : [value],
    column: 1,
  };
  const expression = `attribute:${name} ${value === undefined ? "exists" : `== ${value}`}`;
  return { type: "memberOf", expression: `${expression} (${source})`, tree };
}

export function platformConstraints(platform: TaskPlatform | undefined): ParsedConstraint[] {
  if (!platform) return [];
  const out: ParsedConstraint[] = [];
  if (platform.cpuArchitecture)
    out.push(attributeCheck("ecs.cpu-architecture", platform.cpuArchitecture, "runtimePlatform"));
  if (platform.osFamily === "LINUX") out.push(attributeCheck("ecs.os-type", "linux", "runtimePlatform"));
  else if (platform.osFamily) out.push(attributeCheck("ecs.os-family", platform.osFamily, "runtimePlatform"));
  for (const a of platform.requiredAttributes)
    out.push(attributeCheck(a.name, a.value, "requiresAttributes"));
  return out;
}
