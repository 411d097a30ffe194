/**
 * When the schema rejects a scenario file, the rest of it is still worth checking: each top-level section is
 * validated on its own, the rejected ones get a neutral stand-in, and every compile phase that reads only
 * sound sections runs (compile.ts checkSections). So one load reports the schema's problems and the
 * compile phases' (references, ECS rules) together, in file order.
 */
import { checkSections } from "./compile.ts";
import type { Section } from "./phases/context.ts";
import type { Problem } from "./problems.ts";
import { type Scenario, ScenarioSchema } from "./schema.ts";
import type { SourceDocument } from "./source-map.ts";
import { parseWithoutUnknownFields } from "./without-unknown-fields.ts";

/** What a rejected section holds instead: the empty value phases that do not read it can step over. */
export const STAND_IN: Partial<Record<Section, unknown>> = {
  cluster: { instances: [] },
  taskDefinitions: [],
  workload: [],
  strategies: [],
};

/** The compile problems of the sections the schema accepted (the data must be a mapping). */
export function soundSectionProblems(source: SourceDocument, baseDir: string): Problem[] {
  const data = source.data as Record<string, unknown>;
  const partial: Record<string, unknown> = {};
  const invalid = new Set<Section>();
  for (const key of Object.keys(ScenarioSchema.shape) as Section[]) {
    const parsed = parseWithoutUnknownFields(ScenarioSchema.shape[key], data[key]);
    if (parsed.success) partial[key] = parsed.data;
    else {
      invalid.add(key);
      partial[key] = STAND_IN[key];
    }
  }
  const problems: Problem[] = [];
  checkSections(
    partial as Scenario,
    invalid,
    {
      error: (path, message) => problems.push(source.problem(path, message)),
      warn: () => {},
    },
    baseDir,
  );
  return problems;
}
