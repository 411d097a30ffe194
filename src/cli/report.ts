/**
 * berth report RESULTS.json [--out DIR] [--svg] [--png]: rebuild index.html and summary.md (and the chart
 * images) from a saved results.json.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { plural } from "../core/format.ts";
import { CHART_FOLDER, imageFormats, reportFiles } from "../report/report-files.ts";
import { type Results, SCHEMA_VERSION } from "../report/results.ts";
import { buildVerdict } from "../report/verdict.ts";
import { InputError } from "../scenario/problems.ts";
import { defineCommand } from "./command.ts";
import { checkOutputs, writeOutputs } from "./outputs.ts";

/** A problem with the results file as one file:line:col line. */
function bad(file: string, message: string, line = 1, col = 1): InputError {
  return new InputError([{ file, line, col, path: [], message }]);
}

/** Line and column of a character offset. */
function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

/** Reads and checks the shape the renderers rely on; JSON errors point at their line and column. */
export function readResults(file: string): Results {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw bad(
      file,
      code === "ENOENT" ? "cannot read results: no such file" : `cannot read results (${code})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const { line, col } = at ? position(text, Number(at[1])) : { line: 1, col: 1 };
    throw bad(file, `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`, line, col);
  }
  const r = data as Partial<Results> | null;
  if (r === null || typeof r !== "object" || Array.isArray(r))
    throw bad(file, "not a berth results.json (expected an object)");
  if (r.schemaVersion !== SCHEMA_VERSION)
    throw bad(
      file,
      `schemaVersion ${JSON.stringify(r.schemaVersion)} is not ${SCHEMA_VERSION}: not a results.json this berth can read`,
    );
  for (const field of ["scenario", "strategies", "baseline", "gates", "generator"] as const) {
    if (r[field] === undefined) throw bad(file, `not a berth results.json: no "${field}"`);
  }
  if (!Array.isArray(r.strategies)) throw bad(file, `"strategies" is not an array`);
  const results = r as Results;
  // Older files: compute the verdict from the runs they hold, as berth run would have.
  results.verdict ??= buildVerdict(results.strategies, results.baseline, results.scenario);
  return results;
}

export const report = defineCommand({
  name: "report",
  args: "<results.json>",
  description:
    "Rebuilds index.html and summary.md from a results.json that berth run wrote, byte for byte the same as\n" +
    "the run's own (the report reads nothing else). A results.json from before the verdict existed gets one\n" +
    "computed from its runs.",
  options: {
    out: {
      type: "string",
      value: "DIR",
      help: "where to write index.html and summary.md (default: the folder of results.json)",
    },
    svg: { type: "boolean", help: "also write every chart as charts/<chart>.svg (as berth run --svg)" },
    png: { type: "boolean", help: "also write every chart as charts/<chart>.png (as berth run --png)" },
    quiet: { type: "boolean", help: "print nothing but errors" },
  },
  footer: "Exit codes: 0 ok, 1 a file could not be written, 2 bad input or usage.",
  async run({ values, positionals }) {
    const file = positionals[0]!;
    const results = readResults(file);
    const outDir = values.out ?? dirname(file);
    checkOutputs([
      { what: values.out !== undefined ? "--out" : "report folder", path: outDir, kind: "folder" },
    ]);
    const files = await reportFiles(results, imageFormats(values));
    writeOutputs(files.map((f) => ({ path: join(outDir, f.name), content: f.content })));
    if (!values.quiet) {
      console.log(`berth report: ${join(outDir, "index.html")} and ${join(outDir, "summary.md")}`);
      const images = files.filter((f) => f.name.startsWith(`${CHART_FOLDER}/`)).length;
      if (images > 0) console.log(`Chart images: ${plural(images, "file")} in ${join(outDir, CHART_FOLDER)}`);
    }
    return 0;
  },
});

/** `berth report ARGV` (tests call it directly; it throws usage and input errors). */
export const reportCommand = (argv: string[]): Promise<number> => report.main(argv);
