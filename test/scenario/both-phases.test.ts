import { describe, expect, it } from "vitest";
import { problemsOf as problems, smallScenario } from "../helpers/scenario.ts";

// A service naming a task definition that does not exist: a problem only the compile phase finds.
const BROKEN_REFERENCE = smallScenario({ services: "  - { name: s, taskDefinition: wbe, desiredCount: 2 }" });
const REFERENCE = 's.yaml:11:16 services[0].taskDefinition: no task definition with family "wbe"';

describe("schema and compile problems in one run", () => {
  it("reports the compile phase's problems beside unknown fields, in file order", () => {
    const text = BROKEN_REFERENCE.replace("horizon: 1h", "horizon: 1h\nreplicatoins: 3").replace(
      "desiredCount: 2 }",
      "desiredCount: 2, lanchType: EC2 }",
    );
    expect(problems(text)).toEqual([
      's.yaml:3:1 replicatoins: unknown field "replicatoins"; did you mean "replications"?',
      REFERENCE.replace("11:16", "12:16"),
      expect.stringMatching(/^s\.yaml:12:\d+ services\[0\]\.lanchType: unknown field "lanchType"/),
    ]);
  });

  it("checks the sound sections across a section the schema rejects", () => {
    // seed is wrong and the cluster has an invalid count: the services' reference is still checked.
    const lines = problems(
      BROKEN_REFERENCE.replace("horizon: 1h", "horizon: 1h\nseed: abc").replace("count: 2,", "count: many,"),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^s\.yaml:3:1 seed: expected number/),
      expect.stringMatching(/^s\.yaml:6:25 cluster\.instances\[0\]\.count: expected number/),
      REFERENCE.replace("11:16", "12:16"),
    ]);
  });

  it("names a missing required field as missing", () => {
    const missing = problems(BROKEN_REFERENCE.replace("horizon: 1h\n", ""));
    expect(missing[0]).toBe("s.yaml:1:1 horizon: required field is missing");
  });

  it("reports the compile problems alone once the schema is satisfied", () => {
    expect(problems(BROKEN_REFERENCE)).toEqual([REFERENCE]);
  });
});
