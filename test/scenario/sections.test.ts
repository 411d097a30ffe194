import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSections } from "../../src/scenario/compile.ts";
import type { Section } from "../../src/scenario/phases/context.ts";
import { type Scenario, ScenarioSchema } from "../../src/scenario/schema.ts";
import { STAND_IN } from "../../src/scenario/sections.ts";
import { parseSource } from "../../src/scenario/source-map.ts";
import { expandTaskDefinitions } from "../../src/scenario/task-definition-input.ts";
import { problemsOf as problems } from "../helpers/scenario.ts";

const SHIPPED = ["scenarios", "test/golden/scenarios"].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => join(dir, f)),
);

describe("problems of every phase when the schema rejects a section", () => {
  it("reports schema problems and the sound sections' compile problems together, in file order", () => {
    expect(
      problems(`name: t
horizon: 1h
cluster:
  instances: [{ name: g, type: m5.large, count: 1, zones: [a] }]
taskDefinitions:
  - family: a
    containerDefinitions: [{ name: c, cpu: 1, memory: 1 }]
workload:
  - { taskDefinition: nope, arrival: { type: poisson, ratePerHour: 1 }, duration: { type: constant, value: 1 } }
services:
  - { name: s, taskDefinition: gone, desiredCount: 1 }
failures:
  zoneOutages: [{ zone: mars, at: 1m, for: 1m }]
strategies:
  - { name: r, placementStrategy: [{ type: random }], placementConstrants: [] }
`),
    ).toEqual([
      's.yaml:9:7 workload[0].taskDefinition: no task definition with family "nope"',
      's.yaml:11:16 services[0].taskDefinition: no task definition with family "gone"',
      's.yaml:13:19 failures.zoneOutages[0].zone: no instance group uses zone "mars"',
      's.yaml:15:55 strategies[0].placementConstrants: unknown field "placementConstrants"; did you mean "placementConstraints"?',
    ]);
  });

  it("skips the phases that read a rejected section, and those that use their results", () => {
    // taskDefinitions is rejected: nothing may claim that "a" is missing.
    expect(
      problems(`name: t
horizon: 1h
cluster:
  instances: [{ type: m5.large, count: 1, zones: [a] }]
taskDefinitions:
  - family: a
    containerDefinitions: [{ name: c, cpu: -1, memory: 1 }]
services:
  - { name: s, taskDefinition: a, desiredCount: 1 }
failures:
  zoneOutages: [{ zone: mars, at: 1m, for: 1m }]
strategies:
  - { name: r }
  - { name: r }
`),
    ).toEqual([
      expect.stringMatching(/^s\.yaml:7:\d+ taskDefinitions\[0\]\.containerDefinitions\[0\]\.cpu: /),
      's.yaml:11:19 failures.zoneOutages[0].zone: no instance group uses zone "mars"',
      's.yaml:14:7 strategies[1].name: duplicate strategy name "r"',
    ]);
  });

  // A phase that reads a section it does not declare would see the stand-in and either crash or report a
  // problem that is not there: on valid scenarios, rejecting any one section must add no compile problem.
  it.each(SHIPPED)("%s: with any one section rejected, the other phases run cleanly", (file) => {
    const source = expandTaskDefinitions(parseSource(file, readFileSync(file, "utf8")), dirname(file));
    const scenario = ScenarioSchema.parse(source.data);
    for (const key of Object.keys(ScenarioSchema.shape) as Section[]) {
      const partial = { ...scenario } as Record<string, unknown>;
      partial[key] = STAND_IN[key];
      const found: string[] = [];
      checkSections(
        partial as Scenario,
        new Set([key]),
        { error: (path, message) => found.push(`${key}: ${path.join(".")}: ${message}`), warn() {} },
        dirname(file),
      );
      expect(found).toEqual([]);
    }
  });
});
