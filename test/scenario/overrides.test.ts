import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import {
  type Override,
  parseFieldPath,
  parseSetFlag,
  schemaPathProblem,
} from "../../src/scenario/overrides.ts";
import { InputError } from "../../src/scenario/problems.ts";
import { smallScenario } from "../helpers/scenario.ts";

const BASE = smallScenario({ instances: "{ type: m5.large, count: 2 }" });

function set(...texts: string[]): Override[] {
  return texts.map((t) => {
    const o = parseSetFlag(t);
    if (typeof o === "string") throw new Error(o);
    return o;
  });
}

function problemLines(overrides: Override[]): string[] {
  try {
    loadScenarioText("s.yaml", BASE, { overrides });
  } catch (e) {
    if (e instanceof InputError) return e.message.split("\n");
    throw e;
  }
  throw new Error("expected a problem");
}

describe("parseFieldPath", () => {
  it("reads dotted names and list indexes", () => {
    expect(parseFieldPath("cluster.instances[0].count")).toEqual(["cluster", "instances", 0, "count"]);
    expect(parseFieldPath("workload[1].arrival.ratePerHour")).toEqual([
      "workload",
      1,
      "arrival",
      "ratePerHour",
    ]);
  });
  it("refuses malformed paths", () => {
    for (const bad of ["", "a..b", "[0]", "a.", "a b", "a[x]"])
      expect(typeof parseFieldPath(bad)).toBe("string");
  });
});

describe("schemaPathProblem", () => {
  it("accepts fields of every union branch and records", () => {
    expect(schemaPathProblem(["workload", 0, "arrival", "every"])).toBeUndefined();
    expect(schemaPathProblem(["cluster", "instanceTypes", "mine", "cpu"])).toBeUndefined();
    expect(schemaPathProblem(["loadFactor"])).toBeUndefined();
  });
  it("names the field that does not exist and the ones that do", () => {
    expect(schemaPathProblem(["cluster", "instancez"])).toMatch(
      /^cluster has no field "instancez" \(fields: .*instances/,
    );
    expect(schemaPathProblem(["horizon", 0])).toBe("horizon is not a list");
  });
});

describe("--set on a loaded scenario", () => {
  it("changes the named fields, with YAML-typed values", () => {
    const { scenario } = loadScenarioText("s.yaml", BASE, {
      overrides: set("cluster.instances[0].count=12", "cluster.instances[0].type=c5.xlarge", "horizon=2h"),
    });
    expect(scenario.instanceGroups[0]!.count).toBe(12);
    expect(scenario.instanceGroups[0]!.type.name).toBe("c5.xlarge");
    expect(scenario.horizon).toBe(7200);
  });
  it("replaces a whole sub-document", () => {
    const { scenario } = loadScenarioText("s.yaml", BASE, {
      overrides: set("workload[0].arrival={type: interval, every: 30s}"),
    });
    expect(scenario.sources[0]!.arrival).toEqual({ type: "interval", every: 30 });
  });
  it("changes the hash, so results name what ran", () => {
    const a = loadScenarioText("s.yaml", BASE).scenario.hash;
    const b = loadScenarioText("s.yaml", BASE, { overrides: set("horizon=2h") }).scenario.hash;
    expect(b).not.toBe(a);
  });
  it("reports a bad value as one line naming the flag", () => {
    expect(problemLines(set("cluster.instances[0].count=abc"))).toEqual([
      "--set cluster.instances[0].count=abc: expected number, received string",
    ]);
    expect(problemLines(set("cluster.instances[0].type=c5.nope"))).toEqual([
      '--set cluster.instances[0].type=c5.nope: unknown instance type "c5.nope" (define it under cluster.instanceTypes)',
    ]);
  });
  it("names the flag for a rule across fields that the override broke", () => {
    expect(problemLines(set("workload[0].arrival.ratePerMinute=4"))).toEqual([
      "--set workload[0].arrival.ratePerMinute=4: workload[0].arrival: poisson takes exactly one of ratePerHour, ratePerMinute, ratePerSecond",
    ]);
  });
  it("refuses an index past the end of a list", () => {
    expect(problemLines(set("workload[3].arrival.ratePerHour=4"))).toEqual([
      "--set workload[3].arrival.ratePerHour=4: workload[3]: the list has 1 entries (index from 0)",
    ]);
  });
  it("refuses a path outside the schema before loading", () => {
    expect(parseSetFlag("cluster.instancez=3")).toMatch(/^--set cluster.instancez=3: cluster has no field/);
    expect(parseSetFlag("nonsense")).toMatch(/expected PATH=VALUE/);
  });
});
