/**
 * Task definitions as ECS users really have them (issue 17): console exports with nulls, the
 * describe-task-definition wrapper, files referenced from the scenario, the guide's size spellings,
 * CloudFormation/CDK field casing. The fixtures in fixtures/ecs/ are written for berth from the documented
 * shapes of those outputs.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioText } from "../../src/scenario/load.ts";
import type { InputError } from "../../src/scenario/problems.ts";

const DIR = "test/scenario/fixtures/ecs";
const FILE = `${DIR}/s.yaml`;

const scenario = (taskDefinitions: string, rest = "") => `name: t
horizon: 60s
cluster:
  instances: [{ type: m5.xlarge, count: 2 }]
taskDefinitions:
${taskDefinitions}
workload:
  - { taskDefinition: TD, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 10 } }
strategies:
  - { name: s, placementStrategy: [{ type: binpack, field: memory }] }
${rest}`;

const load = (text: string) => loadScenarioText(FILE, text);
const problems = (text: string): string[] => {
  try {
    load(text);
  } catch (e) {
    return (e as InputError).problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`);
  }
  return [];
};

describe("task definitions by file", () => {
  it("reads describe-task-definition output (taskDefinition wrapper, nulls) from a JSON file", () => {
    // The definition requires FARGATE, so its workload goes to the FARGATE capacity provider.
    const { scenario: s, warnings } = load(
      scenario("  - file: ./describe-output.json", "")
        .replace("TD", "web-api")
        .replace("value: 10 } }", "value: 10 }, capacityProviderStrategy: [{ capacityProvider: FARGATE }] }"),
    );
    expect(s.shapes[0]).toMatchObject({ family: "web-api", cpu: 512, memory: 1024, eni: 1 });
    expect(s.shapes[0]!.platform).toMatchObject({ fargate: true, ec2: false, requiredAttributes: [] });
    // Unmodelled fields are named, in the included file.
    expect(warnings.join("\n")).toMatch(/describe-output\.json:\d+:\d+ .*taskDefinitionArn/);
  });

  it("reads a console export with null fields and name:alias links", () => {
    const { scenario: s } = load(scenario("  - file: ./console-export.json").replace("TD", "wordpress"));
    expect(s.shapes[0]).toMatchObject({
      networkMode: "bridge",
      cpu: 20,
      memory: 1000,
      staticPorts: ["80/tcp"],
    });
  });

  it("points problems inside an included file at that file's line and column", () => {
    expect(problems(scenario("  - file: ./broken.json").replace("TD", "broken"))).toEqual([
      `${DIR}/broken.json:7:7 memoryReservation (256) must be lower than memory (256)`,
    ]);
  });

  it("names a missing file at the scenario's line", () => {
    expect(problems(scenario("  - file: ./nope.json"))).toEqual([
      `${FILE}:6:5 cannot read "./nope.json": no such file`,
    ]);
  });

  it("unwraps an inline describe-task-definition document and drops nulls", () => {
    const { scenario: s } = load(
      scenario(`  - taskDefinition:
      family: TD
      cpu: null
      networkMode: null
      containerDefinitions: [{ name: a, memory: 128, memoryReservation: null, links: null }]`),
    );
    expect(s.shapes[0]).toMatchObject({ family: "TD", memory: 128, networkMode: "bridge" });
  });
});

describe("spellings the API accepts", () => {
  it('reads ".25 vcpu" and ".5 gb" (the guide\'s ECS Exec example)', () => {
    const { scenario: s } = load(
      scenario(`  - { family: TD, cpu: ".25 vcpu", memory: ".5 gb", containerDefinitions: [{ name: a }] }`),
    );
    expect(s.shapes[0]).toMatchObject({ cpu: 256, memory: 512 });
  });

  it("reads binpack fields in upper case (CloudFormation, CDK) and spread instanceId in any case", () => {
    const { scenario: s } = load(
      scenario(`  - { family: TD, containerDefinitions: [{ name: a, memory: 128 }] }`).replace(
        "[{ type: binpack, field: memory }]",
        "[{ type: binpack, field: CPU }, { type: binpack, field: MEMORY }, { type: spread, field: INSTANCEID }]",
      ),
    );
    expect(s.strategies[0]!.placementStrategy.map((st) => st.field)).toEqual(["cpu", "memory", "instanceId"]);
  });

  it("takes networkMode default (Windows) and maps ports like bridge", () => {
    const { scenario: s } = load(
      scenario("  - file: ./windows-iis.json").replace("TD", "windows-simple-iis"),
    );
    // Windows ignores task-level cpu and memory on EC2: the container's values are reserved.
    expect(s.shapes[0]).toMatchObject({
      networkMode: "default",
      cpu: 512,
      memory: 768,
      staticPorts: ["8080/tcp"],
    });
  });
});

describe("documented limits", () => {
  it("refuses task cpu outside 128..196608 units on EC2", () => {
    expect(
      problems(
        scenario(`  - { family: TD, cpu: "200 vcpu", memory: 512, containerDefinitions: [{ name: a }] }`),
      ),
    ).toEqual([
      `${FILE}:6:19 task cpu on EC2 must be 128 to 196608 CPU units (0.125 to 192 vCPU), got 204800`,
    ]);
  });

  it("refuses more than six capacity providers in a strategy", () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    const text = `name: t
horizon: 60s
cluster:
  instances:
${names.map((n) => `    - { name: ${n}, type: m5.large, count: 1 }`).join("\n")}
capacityProviders:
${names.map((n) => `  - { name: ${n}, autoScalingGroup: ${n} }`).join("\n")}
defaultCapacityProviderStrategy: [${names.map((n) => `{ capacityProvider: ${n}, weight: 1 }`).join(", ")}]
taskDefinitions:
  - { family: TD, containerDefinitions: [{ name: a, memory: 128 }] }
workload:
  - { taskDefinition: TD, arrival: { type: burst, at: 0, count: 1 }, duration: { type: constant, value: 10 } }
strategies: [{ name: s }]
`;
    expect(problems(text)).toEqual([
      `${FILE}:20:1 a capacity provider strategy holds at most 6 capacity providers`,
    ]);
  });

  it("lists validation problems in file order", () => {
    const text = `name: t
horizon: 60s
cluster:
  instances: [{ type: m5.large, count: -1 }]
taskDefinitions:
  - { family: TD, containerDefinitions: [{ name: a, memory: -5 }] }
workload:
  - { taskDefinition: TD, arrival: { type: burst, at: 0, count: 0 }, duration: { type: constant, value: 10 } }
strategies: [{ name: s, bogus: 1 }]
seed: -3
`;
    const lines = problems(text).map((p) => Number(/:(\d+):\d+ /.exec(p)![1]));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});
