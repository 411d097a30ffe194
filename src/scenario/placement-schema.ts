/**
 * Schema pieces for ECS placement settings, shared by the places that take them: task definitions and
 * workload sources (constraints), strategies (both) and services (both, dynamics-schema.ts).
 */
import { z } from "zod";

export const PlacementConstraintSchema = z
  .strictObject({
    type: z.enum(["distinctInstance", "memberOf"]),
    expression: z.string().optional().meta({ description: "cluster query language expression (memberOf)" }),
  })
  .meta({ description: "An ECS placement constraint, as in placementConstraints of the ECS API." });

export const PlacementConstraints = z
  .array(PlacementConstraintSchema)
  .max(10, "ECS allows at most 10 placement constraints");

export const PlacementStrategyStepSchema = z
  .strictObject({
    type: z.string().meta({
      description:
        "binpack, spread, random, first-fit, best-fit, worst-fit, tetris, best-fit-l2, fragmentation-aware, or a path to a strategy file",
    }),
    field: z.string().optional(),
  })
  .transform(normalizeStepField);

/**
 * ECS reads strategy fields case-insensitively where the API does (CloudFormation and the CDK emit "CPU",
 * "MEMORY", "INSTANCE_ID"-style spellings): binpack's cpu/memory and spread's instanceId/host are
 * lower-cased to berth's spelling; attribute names keep their case.
 */
function normalizeStepField<T extends { type: string; field?: string | undefined }>(step: T): T {
  const field = step.field;
  if (field === undefined) return step;
  const lower = field.toLowerCase();
  if (step.type === "binpack" && (lower === "cpu" || lower === "memory")) return { ...step, field: lower };
  if (step.type === "spread") {
    if (lower === "instanceid") return { ...step, field: "instanceId" };
    if (lower === "host") return { ...step, field: "host" };
    if (lower.startsWith("attribute:")) return { ...step, field: `attribute:${field.slice(10)}` };
  }
  return step;
}
