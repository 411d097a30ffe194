/**
 * Every example expression of the ECS developer guide (cluster-query-language.md and
 * task-placement-constraints.md), evaluated on a hand-built cluster whose expected answer is written out.
 */
import { describe, expect, it } from "vitest";
import { compileCql } from "../../../src/placement/cql/evaluate.ts";
import { parseCql } from "../../../src/placement/cql/parse.ts";
import { parseCqlDate } from "../../../src/placement/cql/values.ts";
import { instanceType, runTask, shape, testCluster } from "../fixtures.ts";

const epochMs = parseCqlDate("2018-01-01")!;
const day = 86400;
const t2small = instanceType("t2.small", 1024, 1952);
const t2medium = instanceType("t2.medium", 2048, 3943);
const g2 = instanceType("g2.2xlarge", 8192, 14000, { gpu: 1 });

// i-0e220a8397b1dcdaf .. i-053cb9f0c747ea2ea
const env = testCluster([
  {
    type: t2small,
    zone: "us-east-1a",
    attributes: { stack: "prod" },
    agentVersion: "1.14.4",
    registeredAt: 10 * day,
  },
  {
    type: t2medium,
    zone: "us-east-1b",
    attributes: { stack: "dev" },
    agentVersion: "1.14.5",
    registeredAt: 50 * day,
  },
  { type: g2, zone: "us-east-1d", agentVersion: "1.9.0", registeredAt: 43 * day },
  {
    type: g2,
    zone: "us-east-1c",
    attributes: { stack: "prod" },
    agentVersion: "1.20.1",
    registeredAt: 42 * day,
  },
  { type: t2small, zone: "us-east-1d", agentVersion: "1.14.10", registeredAt: 43.5 * day },
  { type: t2medium, zone: "us-east-1a", attributes: { stack: "qa" } },
]);
const small = shape(env.cluster, { cpu: 1, memory: 1 });
runTask(env, small, 0, "service:production");
runTask(env, small, 1, "database");
runTask(env, small, 1, "service:production");
runTask(env, small, 3, "databases");

/** The launch ordinals (1-based: 1 is i-0e220a8397b1dcdaf) of the instances the expression selects. */
function select(expression: string): number[] {
  const p = compileCql(parseCql(expression), { ...env, epochMs });
  const out: number[] = [];
  for (let i = 0; i < env.cluster.count; i++) if (p(i)) out.push(i + 1);
  return out;
}

describe("documented cluster query examples", () => {
  it.each([
    ["attribute:ecs.instance-type == t2.small", [1, 5]],
    ["attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", [1, 2, 6]],
    ["attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d", [4]],
    ["task:group == service:production", [1, 2]],
    ["not(task:group == database)", [1, 3, 4, 5, 6]],
    ["runningTasksCount == 1", [1, 4]],
    // 1.14.4, 1.9.0 are below 1.14.5 (numeric segments: 1.9 < 1.14); 1.14.10 is not.
    ["agentVersion < 1.14.5", [1, 3]],
    // Registered day 10 and 42 are before Feb 13 (day 43); day 43.5 is after midnight of the 13th.
    ["registeredAt < 2018-02-13", [1, 4, 6]],
    ["ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", []],
    ["attribute:ecs.instance-type =~ t2.*", [1, 2, 5, 6]],
    ["task:group == databases", [4]],
    ["attribute:ecs.instance-type == g2.2xlarge", [3, 4]],
    ["attribute:stack == prod", [1, 4]],
    // Instances WITH the attribute stack, unless it is prod.
    ["attribute:stack != prod", [2, 6]],
    ["attribute:ecs.instance-type in [t2.small, t2.medium]", [1, 2, 5, 6]],
    ["attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a", [1, 6]],
  ])("%s", (expression, expected) => {
    expect(select(expression)).toEqual(expected);
  });
});

describe("cluster query semantics", () => {
  it("matches ec2InstanceId against berth's instance ids", () => {
    expect(select("ec2InstanceId in ['i-06e789e6aa1b965f4', i-01b39896a51a8749b]")).toEqual([2, 5]);
    // Instances 1 and 4 are i-0e220a8397b1dcdaf and i-0f88bb8a8724c81ec; the regex matches the whole id.
    expect(select("ec2InstanceId =~ 'i-0[ef].*'")).toEqual([1, 4]);
    expect(select("ec2InstanceId =~ 'i-0[ef]'")).toEqual([]);
  });

  it("treats a missing attribute as satisfying only !exists", () => {
    expect(select("attribute:stack exists")).toEqual([1, 2, 4, 6]);
    expect(select("attribute:stack !exists")).toEqual([3, 5]);
    expect(select("attribute:stack not_in [prod]")).toEqual([2, 6]);
    expect(select("attribute:stack !~ pr.*")).toEqual([2, 6]);
  });

  it("requires a whole-value regex match, as Java's Pattern.matches does", () => {
    expect(select("attribute:ecs.instance-type =~ small")).toEqual([]);
    expect(select("attribute:ecs.instance-type =~ .*small")).toEqual([1, 5]);
  });

  it("compares dates in every documented format and versions segment by segment", () => {
    expect(select("registeredAt >= 2018-02-12T00:00:00Z")).toEqual([2, 3, 4, 5]);
    expect(select("registeredAt > 2018-02-13T11:00:00")).toEqual([2, 5]);
    expect(select("registeredAt < 2018-02-13T13:00:00+01:00")).toEqual([1, 3, 4, 6]);
    expect(select("agentVersion greater_than_equal 1.14.5")).toEqual([2, 4, 5, 6]);
    expect(select("agentVersion == 1.14.10")).toEqual([5]);
  });

  it("evaluates task:group lists, regexes and existence against running tasks", () => {
    expect(select("task:group in [database, databases]")).toEqual([2, 4]);
    expect(select("task:group !in [database, databases]")).toEqual([1, 3, 5, 6]);
    expect(select("task:group =~ data.*")).toEqual([2, 4]);
    expect(select("task:group exists")).toEqual([1, 2, 4]);
    expect(select("task:group != database")).toEqual([1, 3, 4, 5, 6]);
  });

  it("combines with and/or/not and parentheses in symbol and word form", () => {
    expect(select("(attribute:stack == prod || attribute:stack == qa) && runningTasksCount < 1")).toEqual([
      6,
    ]);
    expect(select("attribute:stack == prod or attribute:stack == qa and runningTasksCount < 1")).toEqual([
      1, 4, 6,
    ]);
    expect(select("! (attribute:stack exists) and agentConnected == true")).toEqual([3, 5]);
    expect(select("runningTasksCount greater_than 1 or runningTasksCount less_than_equal 0")).toEqual([
      2, 3, 5, 6,
    ]);
  });
});
