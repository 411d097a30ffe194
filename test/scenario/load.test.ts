import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadScenarioFile, loadScenarioText } from "../../src/scenario/load.ts";
import { problemsOf as problems, smallScenario } from "../helpers/scenario.ts";

const VALID = smallScenario();

describe("loadScenarioText", () => {
  it("loads the shipped overloaded scenario (the former quick start) verbatim", () => {
    const { scenario, warnings } = loadScenarioFile("scenarios/overloaded.yaml");
    expect(warnings).toEqual([]);
    expect(scenario.horizon).toBe(4 * 3600);
    expect(scenario.replications).toBe(3);
    expect(scenario.pending).toBe("queue");
    expect(scenario.instanceGroups[0]!.count).toBe(8);
    expect(scenario.shapes.map((s) => [s.family, s.cpu, s.memory, s.staticPorts])).toEqual([
      ["my-website", 1024, 1152, ["443/tcp"]],
      ["worker", 256, 2048, []],
    ]);
    expect(scenario.strategies.map((s) => s.name)).toEqual(["binpack-memory", "spread-az", "random"]);
  });

  it("applies defaults and parses durations", () => {
    const { scenario } = loadScenarioText("s.yaml", VALID);
    expect(scenario.seed).toBe(1);
    expect(scenario.replications).toBe(1);
    expect(scenario.horizon).toBe(3600);
    expect(scenario.sources[0]!.duration).toEqual({ type: "constant", value: 300 });
    expect(scenario.sources[0]!.group).toBe("family:web");
  });

  it("gives the same hash for the same content and a different one for a change", () => {
    const a = loadScenarioText("a.yaml", VALID).scenario.hash;
    expect(loadScenarioText("b.yaml", `${VALID}\n# a comment\n`).scenario.hash).toBe(a);
    expect(loadScenarioText("c.yaml", VALID.replace("count: 2", "count: 3")).scenario.hash).not.toBe(a);
  });

  it("points a YAML syntax error at its line and column", () => {
    const [line] = problems("name: t\nhorizon: [1h\n");
    expect(line).toMatch(/^s\.yaml:\d+:\d+ YAML: /);
  });

  it("points an unknown field at the key itself", () => {
    const lines = problems(VALID.replace("horizon: 1h", "horizon: 1h\nhorizn: 2h"));
    expect(lines).toEqual(['s.yaml:3:1 horizn: unknown field "horizn"; did you mean "horizon"?']);
  });

  it("names a missing field at its parent", () => {
    const lines = problems(
      VALID.replace("{ type: m5.large, count: 2, zones: [a, b] }", "{ type: m5.large }"),
    );
    expect(lines).toEqual([
      "s.yaml:5:7 cluster.instances[0].count: required field is missing (expected number)",
    ]);
  });

  it("explains a bad duration at the value", () => {
    const lines = problems(VALID.replace("horizon: 1h", "horizon: 1 hour"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^s\.yaml:2:1 horizon: expected a duration/);
  });

  it("reports one line per problem, in file order", () => {
    const lines = problems(VALID.replace("horizon: 1h", "horizon: soon").replace("count: 2", "count: -1"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("horizon");
    expect(lines[1]).toContain("cluster.instances[0].count");
  });

  it("rejects references to unknown families and instance types", () => {
    const lines = problems(
      VALID.replace("taskDefinition: web", "taskDefinition: api").replace("m5.large", "m9.huge"),
    );
    expect(lines).toEqual([
      's.yaml:5:9 cluster.instances[0].type: unknown instance type "m9.huge" (define it under cluster.instanceTypes)',
      's.yaml:11:7 workload[0].taskDefinition: no task definition with family "api"',
    ]);
  });

  it("rejects a bad strategy field with the step's path", () => {
    const lines = problems(VALID.replace("field: memory", "field: disk"));
    expect(lines).toEqual([
      's.yaml:13:37 strategies[0].placementStrategy[0]: binpack field must be "cpu" or "memory" (got "disk")',
    ]);
  });

  it("applies ECS task-definition rules with container paths", () => {
    const lines = problems(
      VALID.replace(
        "{ name: app, cpu: 256, memory: 512 }",
        "{ name: app, cpu: 256, essential: false, links: [db] }",
      ),
    );
    expect(lines).toContain(
      's.yaml:9:58 taskDefinitions[0].containerDefinitions[0].links[0]: link target "db" is not a container of this task',
    );
    expect(lines.some((l) => l.includes("needs memory or memoryReservation"))).toBe(true);
    expect(lines.some((l) => l.includes("at least one container must be essential"))).toBe(true);
  });

  it("accepts a pasted register-task-definition document and warns about fields it ignores", () => {
    const pasted = readFileSync("test/scenario/fixtures/register-task-definition.json", "utf8");
    const text = VALID.replace(
      /taskDefinitions:\n[\s\S]*?workload:/,
      `taskDefinitions:\n  - ${pasted.trim().split("\n").join("\n    ")}\nworkload:`,
    ).replace("taskDefinition: web", "taskDefinition: nginx-site");
    const { scenario, warnings } = loadScenarioText("s.yaml", text);
    expect(scenario.shapes[0]).toMatchObject({
      family: "nginx-site",
      cpu: 512,
      memory: 768,
      networkMode: "bridge",
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: s\.yaml:\d+:\d+ taskDefinitions\[0\]: ignoring ECS fields/);
    expect(warnings[0]).toContain("executionRoleArn");
    expect(warnings[0]).toContain("containerDefinitions[0].logConfiguration");
  });

  it("reads JSON scenarios with positions too", () => {
    const lines = problems('{\n  "name": "t",\n  "horizon": "1h",\n  "bogus": 1\n}', "s.json");
    expect(lines).toContain('s.json:4:3 bogus: unknown field "bogus"');
  });

  it("names a file it cannot read", () => {
    expect(() => loadScenarioFile("no/such/file.yaml")).toThrow(
      "no/such/file.yaml:1:1 cannot read scenario: no such file",
    );
  });
});
