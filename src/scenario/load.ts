/**
 * Reads a scenario file (YAML or JSON): parse with positions, validate against the schema, compile.
 * Every problem becomes one `file:line:col field.path: message` line; warnings come back separately.
 */

import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { z } from "zod";
import { didYouMean } from "../core/nearest.ts";
import { type CompiledScenario, compileScenario } from "./compile.ts";
import { applyOverrides, type Override, overrideAt } from "./overrides.ts";
import { formatPath, formatProblem, InputError, type Problem } from "./problems.ts";
import { ScenarioSchema } from "./schema.ts";
import { keysAt } from "./schema-keys.ts";
import { soundSectionProblems } from "./sections.ts";
import { parseSource, type SourceDocument } from "./source-map.ts";
import { expandTaskDefinitions } from "./task-definition-input.ts";

export interface LoadedScenario {
  scenario: CompiledScenario;
  warnings: string[];
}

export interface LoadOptions {
  /** Field overrides (`--set`, `--load`, sweep cells), applied before validation, in order. */
  overrides?: readonly Override[];
}

export function loadScenarioFile(file: string, options: LoadOptions = {}): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message;
    throw new InputError([{ file, line: 1, col: 1, path: [], message: `cannot read scenario: ${why}` }]);
  }
  return loadScenarioText(file, text, options);
}

export function loadScenarioText(file: string, text: string, options: LoadOptions = {}): LoadedScenario {
  const source = parseSource(file, text);
  if (!source.positionsOnDemand) return loadParsed(file, source, options);
  // Read by the fast path (source-map.ts): when anything is reported, read the file again with positions, so
  // every problem and warning is exactly what the full parse reports (text, position and order).
  try {
    const loaded = loadParsed(file, source, options);
    if (loaded.warnings.length === 0) return loaded;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
  return loadParsed(file, parseSource(file, text, { positions: true }), options);
}

function loadParsed(file: string, parsedSource: SourceDocument, options: LoadOptions): LoadedScenario {
  if (parsedSource.syntaxProblems.length > 0) throw new InputError(parsedSource.syntaxProblems);
  const expanded = expandTaskDefinitions(parsedSource, dirname(file));
  const overrides = options.overrides ?? [];
  const source = overrides.length > 0 ? withOverrides(expanded, overrides) : expanded;
  if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
    throw new InputError([
      source.problem([], "a scenario must be a mapping of fields (name, horizon, cluster, ...)"),
    ]);
  }
  // jitless: zod would otherwise compile a checker for each object schema with new Function on first use,
  // which costs more than checking one scenario (a process usually checks one; the result is the same).
  const parsed = ScenarioSchema.safeParse(source.data, { jitless: true });
  if (!parsed.success)
    throw new InputError(
      inFileOrder(
        [
          ...parsed.error.issues.flatMap((issue) => schemaProblems(source, issue)),
          ...soundSectionProblems(source, dirname(file)),
        ],
        file,
      ),
    );

  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const scenario = compileScenario(
    parsed.data,
    {
      error: (path, message) => errors.push(source.problem(path, message)),
      warn: (path, message) => warnings.push(source.problem(path, message)),
      where: (path) => {
        const p = source.problem(path, "");
        return `${p.file}:${p.line}:${p.col} ${formatPath(path)}`;
      },
    },
    dirname(file),
  );
  if (errors.length > 0) throw new InputError(inFileOrder(errors, file));
  return {
    scenario,
    warnings: inFileOrder(warnings, file).map((w) => `warning: ${formatProblem(w)}`),
  };
}

/** Applies the overrides to the parsed data; problems at or under an overridden path name the override. */
function withOverrides(source: SourceDocument, overrides: readonly Override[]): SourceDocument {
  if (source.syntaxProblems.length > 0 || source.data === null || typeof source.data !== "object")
    return source;
  const failed = applyOverrides(source.data, overrides);
  if (failed.length > 0)
    throw new InputError(failed.map((f) => ({ ...source.problem([], f.message), ...f })));
  return {
    ...source,
    problem: (path, message) => {
      const o = overrideAt(overrides, path);
      if (!o) return source.problem(path, message);
      const deeper = path.length !== o.path.length ? `${formatPath(path)}: ` : "";
      return { ...source.problem(path, message), origin: o.origin, message: `${deeper}${message}` };
    },
  };
}

function schemaProblems(source: SourceDocument, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const known = keysAt(ScenarioSchema, path);
    return issue.keys.map((key) =>
      source.problem([...path, key], `unknown field "${key}"${didYouMean(key, known, (k) => `"${k}"`)}`),
    );
  }
  if (issue.code === "invalid_type" && valueAt(source.data, path) === undefined) {
    return [source.problem(path, `required field is missing (expected ${issue.expected})`)];
  }
  if (issue.code === "invalid_union" && path.length > 0 && valueAt(source.data, path) === undefined) {
    return [source.problem(path, "required field is missing")];
  }
  if (issue.code === "invalid_union" && "note" in issue && issue.note === "No matching discriminator") {
    return [source.problem(path, `unknown or missing "type" (${issue.message})`)];
  }
  return [source.problem(path, issue.message.replace(/^Invalid input: /, ""))];
}

/** Problems of the scenario file first, then of each included file; by line and column inside a file. */
function inFileOrder(problems: Problem[], main: string): Problem[] {
  const rank = (p: Problem) => (p.file === main ? "" : p.file);
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (rank(a.p) < rank(b.p) ? -1 : rank(a.p) > rank(b.p) ? 1 : 0) ||
        a.p.line - b.p.line ||
        a.p.col - b.p.col ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}
