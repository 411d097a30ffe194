/**
 * Compiles a parsed cluster query into a predicate over instance ids.
 *
 * Semantics (cluster-query-language.md, with berth's reading where the guide is silent):
 * - attribute:NAME: an instance without the attribute satisfies only `!exists` (the guide's
 *   `attribute:stack != prod` lists instances that HAVE stack, unless it is prod);
 * - task:group: the instance hosts at least one running task of the named group (`==`, `in`, `=~`: of any
 *   listed / matching group; `exists`: of any group); `!=`, `!in`, `!~`, `!exists` are their negations;
 * - runningTasksCount: running tasks on the instance; agentVersion: segment-wise version order;
 *   registeredAt: instant order; ec2InstanceId: berth's EC2-shaped instance id (model/aws-ids.ts);
 * - agentConnected: always true (berth does not model agent disconnects).
 */
import { type Cluster, DEFAULT_AGENT_VERSION } from "../../model/cluster.ts";
import type { TaskGroups } from "../task-groups.ts";
import type { Expression, Operator } from "./ast.ts";
import { wholeMatch } from "./linear-regex.ts";
import { compareValues, compareVersions, parseCqlDate, parseVersion } from "./values.ts";

export type InstancePredicate = (i: number) => boolean;

export interface CqlEnvironment {
  cluster: Cluster;
  groups: TaskGroups;
  /** Unix milliseconds of simulated time 0 (registeredAt of instances present at the start). */
  epochMs: number;
}

export function compileCql(e: Expression, env: CqlEnvironment): InstancePredicate {
  switch (e.kind) {
    case "and": {
      const l = compileCql(e.left, env);
      const r = compileCql(e.right, env);
      return (i) => l(i) && r(i);
    }
    case "or": {
      const l = compileCql(e.left, env);
      const r = compileCql(e.right, env);
      return (i) => l(i) || r(i);
    }
    case "not": {
      const inner = compileCql(e.operand, env);
      return (i) => !inner(i);
    }
    case "compare":
      return compileComparison(e, env);
  }
}

function compileComparison(
  e: Extract<Expression, { kind: "compare" }>,
  env: CqlEnvironment,
): InstancePredicate {
  const { cluster, groups } = env;
  const { op, args } = e;
  const s = e.subject;
  switch (s.kind) {
    case "attribute":
      return stringTest(op, args, (i) => cluster.attributes[i]?.get(s.name), compareValues);
    case "ec2InstanceId":
      return stringTest(op, args, (i) => cluster.ids[i], compareValues);
    case "agentConnected":
      return stringTest(
        op,
        args.map((a) => a.toLowerCase()),
        () => "true",
        compareValues,
      );
    case "agentVersion": {
      const target = parseVersion(args[0]!)!;
      return ordering(op, (i) =>
        compareVersions(parseVersion(cluster.agentVersions[i] ?? DEFAULT_AGENT_VERSION) ?? [0], target),
      );
    }
    case "registeredAt": {
      const target = parseCqlDate(args[0]!)!;
      return ordering(op, (i) => {
        const at = env.epochMs + cluster.registeredAt[i]! * 1000;
        return at === target ? 0 : at < target ? -1 : 1;
      });
    }
    case "runningTasksCount": {
      const target = Number(args[0]);
      return ordering(op, (i) => cluster.runningTasks[i]! - target);
    }
    case "taskGroup":
      return groupTest(op, args, groups, cluster);
  }
}

function ordering(op: Operator, cmp: (i: number) => number): InstancePredicate {
  switch (op) {
    case "==":
      return (i) => cmp(i) === 0;
    case "!=":
      return (i) => cmp(i) !== 0;
    case ">":
      return (i) => cmp(i) > 0;
    case ">=":
      return (i) => cmp(i) >= 0;
    case "<":
      return (i) => cmp(i) < 0;
    case "<=":
      return (i) => cmp(i) <= 0;
    default:
      throw new Error(`operator ${op} cannot order values`);
  }
}

function stringTest(
  op: Operator,
  args: string[],
  value: (i: number) => string | undefined,
  compare: (a: string, b: string) => number,
): InstancePredicate {
  const present = (f: (v: string) => boolean): InstancePredicate => {
    return (i) => {
      const v = value(i);
      return v !== undefined && f(v);
    };
  };
  const a = args[0]!;
  switch (op) {
    case "exists":
      return (i) => value(i) !== undefined;
    case "!exists":
      return (i) => value(i) === undefined;
    case "==":
      return present((v) => v === a);
    case "!=":
      return present((v) => v !== a);
    case "in": {
      const set = new Set(args);
      return present((v) => set.has(v));
    }
    case "!in": {
      const set = new Set(args);
      return present((v) => !set.has(v));
    }
    case "=~": {
      const re = wholeMatch(a);
      return present((v) => re.test(v));
    }
    case "!~": {
      const re = wholeMatch(a);
      return present((v) => !re.test(v));
    }
    case ">":
      return present((v) => compare(v, a) > 0);
    case ">=":
      return present((v) => compare(v, a) >= 0);
    case "<":
      return present((v) => compare(v, a) < 0);
    case "<=":
      return present((v) => compare(v, a) <= 0);
  }
}

function groupTest(op: Operator, args: string[], groups: TaskGroups, cluster: Cluster): InstancePredicate {
  const hostsAny = (ids: number[]) => (i: number) => ids.some((g) => groups.onInstance(g, i) > 0);
  const negate = (p: InstancePredicate) => (i: number) => !p(i);
  switch (op) {
    case "exists":
      return (i) => cluster.runningTasks[i]! > 0;
    case "!exists":
      return (i) => cluster.runningTasks[i]! === 0;
    case "==": {
      const g = groups.id(args[0]!);
      return (i) => groups.onInstance(g, i) > 0;
    }
    case "!=": {
      const g = groups.id(args[0]!);
      return (i) => groups.onInstance(g, i) === 0;
    }
    case "in":
      return hostsAny(args.map((a) => groups.id(a)));
    case "!in":
      return negate(hostsAny(args.map((a) => groups.id(a))));
    case "=~":
    case "!~": {
      const re = wholeMatch(args[0]!);
      // Group names only grow; recompute the matching ids when new groups appear.
      let seen = -1;
      let ids: number[] = [];
      const matching = (i: number) => {
        if (seen !== groups.names.length) {
          seen = groups.names.length;
          ids = groups.names.flatMap((name, g) => (re.test(name) ? [g] : []));
        }
        return ids.some((g) => groups.onInstance(g, i) > 0);
      };
      return op === "=~" ? matching : negate(matching);
    }
    default:
      throw new Error(`operator ${op} does not apply to task:group`);
  }
}
