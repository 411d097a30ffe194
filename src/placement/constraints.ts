/**
 * ECS task placement constraints (task-placement-constraints.md): `distinctInstance` and `memberOf` with a
 * cluster query. A task carries at most 10 (its task definition's, its workload's and its strategy's
 * together). Constraints are binding: an instance failing one is excluded.
 *
 * A ConstraintSet is compiled once per (workload source, strategy) for one run. Checks whose outcome can
 * never change for an instance (attributes, instance id, agent version, registration time) are cached per
 * instance; checks that read task groups or running-task counts are evaluated on every decision, at O(1)
 * per group mentioned.
 */
import { grown } from "../core/growable.ts";
import { type Expression, isDynamic } from "./cql/ast.ts";
import { type CqlEnvironment, compileCql, type InstancePredicate } from "./cql/evaluate.ts";
import { parseCql } from "./cql/parse.ts";

export const MAX_CONSTRAINTS = 10;

/** A placement constraint in the ECS API shape (placementConstraints[i]). */
export interface PlacementConstraintSpec {
  type: "distinctInstance" | "memberOf";
  expression?: string;
}

/** A validated constraint: memberOf carries its parsed expression. */
export interface ParsedConstraint {
  type: "distinctInstance" | "memberOf";
  expression?: string;
  tree?: Expression;
}

/**
 * Validates one constraint. Problems go to `problem(pathSuffix, message)`; the expression's syntax error
 * names its column.
 */
export function parseConstraint(
  spec: PlacementConstraintSpec,
  problem: (path: (string | number)[], message: string) => void,
): ParsedConstraint | undefined {
  if (spec.type === "distinctInstance") {
    if (spec.expression !== undefined)
      problem(["expression"], "distinctInstance takes no expression (did you mean memberOf?)");
    return { type: "distinctInstance" };
  }
  if (spec.expression === undefined || spec.expression.trim() === "") {
    problem(["expression"], "memberOf needs an expression in the cluster query language");
    return undefined;
  }
  try {
    return { type: "memberOf", expression: spec.expression, tree: parseCql(spec.expression) };
  } catch (e) {
    problem(["expression"], `cannot parse "${spec.expression}": ${(e as Error).message}`);
    return undefined;
  }
}

export function constraintLabel(c: ParsedConstraint): string {
  return c.type === "memberOf" ? `memberOf ${c.expression}` : "distinctInstance";
}

/** The ECS-style reason key a constraint contributes to failure counts. */
export function constraintReason(c: ParsedConstraint): string {
  return c.type === "memberOf" ? "CONSTRAINT:memberOf" : "CONSTRAINT:distinctInstance";
}

export interface ConstraintCheck {
  constraint: ParsedConstraint;
  label: string;
  reason: string;
  test: InstancePredicate;
}

export class ConstraintSet {
  /** True when a placement (not only a release) can make some instance newly satisfy a check. */
  readonly placementCanEnable: boolean;

  constructor(readonly checks: ConstraintCheck[]) {
    this.placementCanEnable = checks.some(
      (c) => c.constraint.tree !== undefined && isDynamic(c.constraint.tree),
    );
  }

  /** Index of the first check instance i fails, or -1 when it passes all. */
  firstFailing(i: number): number {
    const checks = this.checks;
    for (let k = 0; k < checks.length; k++) if (!checks[k]!.test(i)) return k;
    return -1;
  }
}

/** Compiles the constraints of tasks of one group. Returns null for none (no per-instance cost then). */
export function compileConstraints(
  constraints: ParsedConstraint[],
  group: number,
  env: CqlEnvironment,
): ConstraintSet | null {
  if (constraints.length === 0) return null;
  return new ConstraintSet(
    constraints.map((c) => ({
      constraint: c,
      label: constraintLabel(c),
      reason: constraintReason(c),
      test: compileCheck(c, group, env),
    })),
  );
}

function compileCheck(c: ParsedConstraint, group: number, env: CqlEnvironment): InstancePredicate {
  const { groups } = env;
  if (c.type === "distinctInstance") return (i) => groups.onInstance(group, i) === 0;
  const predicate = compileCql(c.tree!, env);
  if (isDynamic(c.tree!)) return predicate;
  // Static: 0 unknown, 1 satisfied, 2 not; instances never change these facts once registered.
  let cache = new Uint8Array(64);
  return (i) => {
    if (i >= cache.length) cache = grown(cache, Math.max(cache.length * 2, i + 1));
    let v = cache[i]!;
    if (v === 0) {
      v = predicate(i) ? 1 : 2;
      cache[i] = v;
    }
    return v === 1;
  };
}
