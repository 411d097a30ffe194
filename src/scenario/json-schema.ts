/**
 * The JSON Schema of scenario files, generated from the zod schema, for editor autocomplete
 * (scenarios/scenario.schema.json; YAML files point at it with a yaml-language-server comment).
 */
import { z } from "zod";
import { ScenarioSchema } from "./schema.ts";

export const JSON_SCHEMA_FILE = "scenarios/scenario.schema.json";

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" });
  // The loader also takes { file: ./td.json } in place of a task definition (task-definition-input.ts).
  const defs = (schema.properties as Record<string, { items?: unknown }> | undefined)?.taskDefinitions;
  if (defs?.items)
    defs.items = {
      anyOf: [
        defs.items,
        {
          type: "object",
          properties: {
            file: {
              type: "string",
              description:
                "path (from the scenario's folder) of a JSON task definition, or of describe-task-definition output",
            },
          },
          required: ["file"],
          additionalProperties: false,
        },
      ],
    };
  return `${JSON.stringify({ ...schema, title: "berth scenario" }, null, 2)}\n`;
}
