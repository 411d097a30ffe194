import { describe, expect, it } from "vitest";
import { Cluster } from "../../src/model/cluster.ts";
import {
  compileConstraints,
  type ParsedConstraint,
  parseConstraint,
} from "../../src/placement/constraints.ts";
import { compileCql } from "../../src/placement/cql/evaluate.ts";
import { parseCql } from "../../src/placement/cql/parse.ts";
import { TaskGroups } from "../../src/placement/task-groups.ts";
import { instanceType, runTask, shape, testCluster } from "./fixtures.ts";

function parsed(type: "distinctInstance" | "memberOf", expression?: string): ParsedConstraint {
  const problems: string[] = [];
  const c = parseConstraint(expression === undefined ? { type } : { type, expression }, (p, m) =>
    problems.push(`${p.join(".")}: ${m}`),
  );
  if (!c) throw new Error(problems.join("; "));
  return c;
}

describe("placement constraints", () => {
  it("distinctInstance excludes instances already running a task of the same group only", () => {
    const env = testCluster([{}, {}, {}]);
    const s = shape(env.cluster);
    runTask(env, s, 0, "family:web");
    runTask(env, s, 1, "family:other");
    const web = env.groups.id("family:web");
    const set = compileConstraints([parsed("distinctInstance")], web, { ...env, epochMs: 0 })!;
    expect([0, 1, 2].map((i) => set.firstFailing(i))).toEqual([0, -1, -1]);
    expect(set.placementCanEnable).toBe(false);
  });

  it("reports the first failing constraint and whether placements can enable it", () => {
    const env = testCluster([{ zone: "a" }, { zone: "b" }]);
    const set = compileConstraints(
      [parsed("memberOf", "attribute:ecs.availability-zone == b"), parsed("memberOf", "task:group == db")],
      env.groups.id("family:web"),
      { ...env, epochMs: 0 },
    )!;
    expect(set.firstFailing(0)).toBe(0);
    expect(set.firstFailing(1)).toBe(1);
    runTask(env, shape(env.cluster), 1, "db");
    expect(set.firstFailing(1)).toBe(-1);
    expect(set.placementCanEnable).toBe(true);
    expect(set.checks.map((c) => [c.label, c.reason])).toEqual([
      ["memberOf attribute:ecs.availability-zone == b", "CONSTRAINT:memberOf"],
      ["memberOf task:group == db", "CONSTRAINT:memberOf"],
    ]);
  });

  it("compiles no set at all for a task without constraints", () => {
    const env = testCluster([{}]);
    expect(compileConstraints([], 0, { ...env, epochMs: 0 })).toBeNull();
  });

  it("rejects a memberOf without expression, a distinctInstance with one, and bad syntax", () => {
    const problems: string[] = [];
    const collect = (p: (string | number)[], m: string) => problems.push(`${p.join(".")}: ${m}`);
    expect(parseConstraint({ type: "memberOf" }, collect)).toBeUndefined();
    parseConstraint({ type: "distinctInstance", expression: "x" }, collect);
    expect(parseConstraint({ type: "memberOf", expression: "attribute:a = b" }, collect)).toBeUndefined();
    expect(problems).toEqual([
      "expression: memberOf needs an expression in the cluster query language",
      "expression: distinctInstance takes no expression (did you mean memberOf?)",
      'expression: cannot parse "attribute:a = b": column 13: expected an operator (==, !=, >, >=, <, <=, exists, !exists, in, !in, =~, !~ (or equals, not_equals, ...)), found "="',
    ]);
  });
});

describe("ENI trunking attribute", () => {
  it("marks trunk-capable instances with ecs.awsvpc-trunk-id when trunking is on", () => {
    const m5 = instanceType("m5.large", 2048, 7985, { trunkEniTasks: 10 });
    const t3 = instanceType("t3.large", 2048, 7985);
    const on = new Cluster([], true);
    on.addInstance(m5, 0, "a", {}, 0);
    on.addInstance(t3, 1, "a", {}, 0);
    const off = new Cluster([], false);
    off.addInstance(m5, 0, "a", {}, 0);
    const exists = (c: Cluster, i: number) =>
      compileCql(parseCql("attribute:ecs.awsvpc-trunk-id exists"), {
        cluster: c,
        groups: new TaskGroups(c),
        epochMs: 0,
      })(i);
    expect([exists(on, 0), exists(on, 1), exists(off, 0)]).toEqual([true, false, false]);
    expect([on.regEni[0], on.regEni[1], off.regEni[0]]).toEqual([10, 2, 2]);
  });
});
