/**
 * The sweep file (scenarios/sweeps/*.yaml): a base scenario, the fields to vary and how, the strategies,
 * the replications and the metrics to chart. Its JSON Schema (scenarios/sweep.schema.json) is generated
 * from this one, like the scenario's.
 */
import { z } from "zod";

const Value = z.unknown().meta({ description: "any scenario value, as it would be written in the scenario" });
const Values = z.array(Value).min(1).meta({ description: "the values this field takes, in order" });

export const SweepSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, "use letters, digits, '.', '_' and '-' (it names the report folder)"),
  description: z.string().optional(),
  scenario: z.string().min(1).meta({ description: "the base scenario file, relative to this sweep file" }),
  set: z
    .record(z.string(), Value)
    .optional()
    .meta({ description: "overrides applied to every cell, like --set: {FIELD.PATH: VALUE}" }),
  grid: z
    .record(z.string(), Values)
    .optional()
    .meta({ description: "one axis per field path: the cells are the cross product of every axis" }),
  zip: z.array(z.record(z.string(), Values)).optional().meta({
    description:
      "paired axes: in each entry, every path's list has the same length and the k-th values go together",
  }),
  strategies: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .meta({ description: "strategy names (the scenario's, built-ins or ./files); default: the scenario's" }),
  seeds: z.number().int().positive().optional().meta({
    description: "replications per cell (seeds seed, seed+1, ...); default: the scenario's replications",
  }),
  metrics: z.array(z.string().min(1)).min(1).optional().meta({
    description: "metric paths charted and tabled, e.g. placementDelay.p99; default a standard set",
  }),
});

export type SweepInput = z.output<typeof SweepSchema>;

export const SWEEP_JSON_SCHEMA_FILE = "scenarios/sweep.schema.json";

export function sweepJsonSchema(): string {
  const schema = z.toJSONSchema(SweepSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "berth sweep" }, null, 2)}\n`;
}
