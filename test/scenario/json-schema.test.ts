import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_FILE, scenarioJsonSchema } from "../../src/scenario/json-schema.ts";

describe("scenario JSON Schema", () => {
  it("is up to date with the zod schema (run `npm run schema` after changing it)", () => {
    expect(readFileSync(JSON_SCHEMA_FILE, "utf8")).toBe(scenarioJsonSchema());
  });

  it("describes the top-level fields and requires the essential ones", () => {
    const schema = JSON.parse(scenarioJsonSchema());
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["name", "horizon", "cluster", "taskDefinitions", "workload", "strategies"]),
    );
    // workload may be omitted when services run the tasks (compile checks that one of them is there);
    // taskDefinitions when a trace brings its own task shapes.
    expect(schema.required).toEqual(expect.arrayContaining(["name", "horizon", "cluster", "strategies"]));
    expect(schema.required).not.toContain("taskDefinitions");
    expect(schema.additionalProperties).toBe(false);
  });
});
