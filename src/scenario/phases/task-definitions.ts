/**
 * Phase "task definitions": each task definition to a task shape (ECS task-definition rules in
 * model/task-definition.ts), its family name to its index, its own memberOf constraints, and a warning
 * naming the ECS fields berth reads but does not model.
 */
import { compileTaskDefinition, type TaskDefinition } from "../../model/task-definition.ts";
import type { PlacementConstraintSpec } from "../../placement/constraints.ts";
import type { CompileReport, FieldPath } from "../problems.ts";
import { MODELED_FIELDS } from "../schema.ts";
import type { CompilePhase } from "./context.ts";

export const taskDefinitionsPhase: CompilePhase = {
  name: "task definitions",
  reads: ["taskDefinitions"],
  run(ctx) {
    const { report, families } = ctx;
    ctx.shapes = ctx.s.taskDefinitions.map((raw, i) => {
      const def = raw as unknown as TaskDefinition;
      const at: FieldPath = ["taskDefinitions", i];
      if (families.has(def.family)) report.error([...at, "family"], `duplicate family "${def.family}"`);
      families.set(def.family, i);
      warnUnmodeled(raw, at, report);
      const own = (raw as { placementConstraints?: PlacementConstraintSpec[] }).placementConstraints;
      own?.forEach((c, k) => {
        if (c.type === "distinctInstance")
          report.error(
            [...at, "placementConstraints", k, "type"],
            "a task definition accepts only memberOf constraints",
          );
      });
      ctx.definitionConstraints.push(ctx.constraints(own, [...at, "placementConstraints"]));
      return compileTaskDefinition(def, (path, message) => report.error([...at, ...path], message));
    });
  },
};

function warnUnmodeled(raw: Record<string, unknown>, at: FieldPath, report: CompileReport): void {
  const ignored: string[] = [];
  const collect = (obj: Record<string, unknown>, known: string[], prefix: string) => {
    for (const key of Object.keys(obj)) if (!known.includes(key)) ignored.push(prefix + key);
  };
  collect(raw, MODELED_FIELDS.taskDefinition, "");
  const containers = (raw.containerDefinitions ?? []) as Record<string, unknown>[];
  containers.forEach((c, i) => {
    collect(c, MODELED_FIELDS.containerDefinition, `containerDefinitions[${i}].`);
    ((c.portMappings ?? []) as Record<string, unknown>[]).forEach((p, j) =>
      collect(p, MODELED_FIELDS.portMapping, `containerDefinitions[${i}].portMappings[${j}].`),
    );
  });
  if (ignored.length > 0) report.warn(at, `ignoring ECS fields berth does not model: ${ignored.join(", ")}`);
}
