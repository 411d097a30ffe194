import { describe, expect, it } from "vitest";
import { ScenarioSchema } from "../../src/scenario/schema.ts";
import { keysAt } from "../../src/scenario/schema-keys.ts";
import { problemsOf as problems } from "../helpers/scenario.ts";

describe("misspelt scenario keys", () => {
  it("knows the fields accepted at a path, through arrays and optional wrappers", () => {
    expect(keysAt(ScenarioSchema, [])).toEqual(
      expect.arrayContaining(["name", "horizon", "cluster", "replications"]),
    );
    expect(keysAt(ScenarioSchema, ["cluster", "instances", 0])).toEqual(
      expect.arrayContaining(["type", "count"]),
    );
    expect(keysAt(ScenarioSchema, ["no-such-field"])).toEqual([]);
  });

  it("suggests the nearest field for each unknown one, and reports every problem of the file at once", () => {
    const lines = problems(
      "name: x\nhorizon: 1h\nreplicatoins: 3\ncluster:\n  instances: [{ type: m5.large, cout: 2 }]\nstrategies: []\n",
    );
    expect(lines).toContain(
      's.yaml:3:1 replicatoins: unknown field "replicatoins"; did you mean "replications"?',
    );
    expect(lines).toContain(
      's.yaml:5:33 cluster.instances[0].cout: unknown field "cout"; did you mean "count"?',
    );
    expect(lines.some((l) => l.includes('unknown field "zzz"'))).toBe(false);
    expect(problems("name: x\nhorizon: 1h\nzzzzzz: 1\n")).toContain(
      's.yaml:3:1 zzzzzz: unknown field "zzzzzz"',
    );
  });
});
