/**
 * The JSON Schema of scenario files, generated from the zod schema, for editor autocomplete
 * (scenarios/scenario.schema.json; YAML files point at it with a yaml-language-server comment).
 */
import { z } from "zod";
import { ScenarioSchema } from "./schema.ts";

export const JSON_SCHEMA_FILE = "scenarios/scenario.schema.json";

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "berth scenario" }, null, 2)}\n`;
}
