/**
 * Reads a sweep file: validates it (problems as file:line:col lines), checks every varied path against
 * the scenario schema, and expands the axes into cells. The cells are the cross product of the axes in
 * file order (each `grid` path is an axis, each `zip` entry one axis whose paths move together), the last
 * axis varying fastest.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { type Override, parseFieldPath, schemaPathProblem } from "../scenario/overrides.ts";
import { InputError, type Problem } from "../scenario/problems.ts";
import { parseSource } from "../scenario/source-map.ts";
import { type SweepInput, SweepSchema } from "./sweep-schema.ts";

export interface SweepCell {
  index: number;
  /** One value per parameter of the sweep, in `parameters` order. */
  values: unknown[];
  /** The sweep's `set` overrides, then this cell's. */
  overrides: Override[];
}

export interface SweepFile {
  file: string;
  name: string;
  description: string;
  /** The base scenario, resolved against the sweep file's folder. */
  scenarioFile: string;
  /** The varied field paths, as written ("cluster.instances[0].count"), in axis order. */
  parameters: string[];
  cells: SweepCell[];
  strategies: string[] | undefined;
  seeds: number | undefined;
  metrics: string[] | undefined;
}

interface Param {
  text: string;
  values: unknown[];
  /** Where the list is in the sweep file, e.g. ["grid", "loadFactor"]. */
  at: (string | number)[];
}

export function loadSweepFile(file: string): SweepFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new InputError([{ file, line: 1, col: 1, path: [], message: `cannot read sweep: ${why}` }]);
  }
  return loadSweepText(file, text);
}

export function loadSweepText(file: string, text: string): SweepFile {
  const source = parseSource(file, text);
  if (source.syntaxProblems.length > 0) throw new InputError(source.syntaxProblems);
  const parsed = SweepSchema.safeParse(source.data);
  if (!parsed.success)
    throw new InputError(
      parsed.error.issues.flatMap((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
        if (issue.code === "unrecognized_keys")
          return issue.keys.map((k) => source.problem([...path, k], `unknown field "${k}"`));
        return [source.problem(path, issue.message.replace(/^Invalid input: /, ""))];
      }),
    );
  const s: SweepInput = parsed.data;
  const problems: Problem[] = [];
  const where = (at: (string | number)[]) => {
    const { line, col } = source.locate(at);
    return `${file}:${line}:${col}`;
  };

  const checkedPath = (pathText: string, at: (string | number)[]) => {
    const path = parseFieldPath(pathText);
    const bad = typeof path === "string" ? path : schemaPathProblem(path);
    if (bad !== undefined || typeof path === "string") {
      problems.push(source.problem(at, bad ?? "bad path"));
      return undefined;
    }
    return path;
  };

  const fixed: Override[] = [];
  for (const [k, v] of Object.entries(s.set ?? {})) {
    const path = checkedPath(k, ["set", k]);
    if (path) fixed.push({ path, value: v, origin: `${where(["set", k])} set.${k}` });
  }

  const axes: Param[][] = [];
  for (const [k, values] of Object.entries(s.grid ?? {})) axes.push([{ text: k, values, at: ["grid", k] }]);
  (s.zip ?? []).forEach((entry, z) => {
    const params = Object.entries(entry).map(([k, values]) => ({ text: k, values, at: ["zip", z, k] }));
    const n = params[0]?.values.length ?? 0;
    for (const p of params)
      if (p.values.length !== n)
        problems.push(
          source.problem(
            p.at,
            `has ${p.values.length} values; every list of zip[${z}] needs ${n} (they pair up)`,
          ),
        );
    if (params.length > 0) axes.push(params);
  });
  const params = axes.flat();
  const seen = new Set<string>();
  const paths = params.map((p) => {
    if (seen.has(p.text)) problems.push(source.problem(p.at, `"${p.text}" is varied twice`));
    seen.add(p.text);
    return checkedPath(p.text, p.at);
  });
  if (problems.length > 0) throw new InputError(problems);

  // Cross product of the axes, last axis fastest.
  const positions: number[][] = [[]];
  for (const axis of axes) {
    const n = axis[0]!.values.length;
    const next: number[][] = [];
    for (const prefix of positions) for (let k = 0; k < n; k++) next.push([...prefix, k]);
    positions.splice(0, positions.length, ...next);
  }
  const cells: SweepCell[] = positions.map((pos, index) => {
    const values: unknown[] = [];
    const overrides: Override[] = [...fixed];
    let p = 0;
    axes.forEach((axis, a) => {
      for (const param of axis) {
        const k = pos[a]!;
        values.push(param.values[k]);
        overrides.push({
          path: paths[p]!,
          value: param.values[k],
          origin: `${where([...param.at, k])} ${param.at[0]}${param.at.length === 3 ? `[${param.at[1]}]` : ""}.${param.text}[${k}]`,
        });
        p++;
      }
    });
    return { index, values, overrides };
  });

  return {
    file,
    name: s.name,
    description: s.description ?? "",
    // Relative to the sweep file's folder; an absolute path as it is.
    scenarioFile: isAbsolute(s.scenario) ? s.scenario : join(dirname(file), s.scenario),
    parameters: params.map((p) => p.text),
    cells,
    strategies: s.strategies,
    seeds: s.seeds,
    metrics: s.metrics,
  };
}
