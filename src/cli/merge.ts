/** berth merge FILES|DIRS...: combine the unit files of a sharded sweep or run; --out writes the full report. */
import { join } from "node:path";
import { plural } from "../core/format.ts";
import { invocation } from "../report/provenance.ts";
import { imageFormats } from "../report/report-files.ts";
import { buildResults } from "../report/results.ts";
import { terminalText } from "../report/text-escape.ts";
import { renderJunit } from "../stats/gates/junit.ts";
import { mergeUnitFiles, unitFilesOf } from "../sweep/merge.ts";
import { isRunShardFile, mergeRunShards, resultsScenario, runHash } from "../sweep/run-shard.ts";
import { UnitFileError } from "../sweep/unit-file.ts";
import { mergedUnitFile, sweepReportFiles } from "../sweep/write-report.ts";
import { defineCommand } from "./command.ts";
import { checkOutputs, writeOutputs } from "./outputs.ts";
import { appendStepSummary, printRunOutcome, runReportFiles } from "./run-outcome.ts";
import { UsageError } from "./usage-error.ts";

export const merge = defineCommand({
  name: "merge",
  args: "<file.ndjson|folder>...",
  description:
    'Combines the unit files written by "berth sweep --shard i/n" or "berth run --shard i/n" (a folder\n' +
    "stands for its *.ndjson files). Refuses files of different sweeps or runs or berth versions, counts a\n" +
    "unit present twice once, and lists every unit still missing (exit 1). With --out DIR, writes the files\n" +
    "an unsharded command writes: for a sweep DIR/units.ndjson, sweep.json, summary.md and index.html; for a\n" +
    "run DIR/results.json, summary.md and index.html (and prints the run's verdict and table, checks gates).",
  options: {
    out: { type: "string", value: "DIR", help: "where to write the merged unit file and the report" },
    junit: { type: "string", value: "FILE", help: "(run shards) also write the gate results as JUnit XML" },
    svg: { type: "boolean", help: "(run shards, with --out) also write every chart as charts/<chart>.svg" },
    png: { type: "boolean", help: "(run shards, with --out) also write every chart as charts/<chart>.png" },
    quiet: { type: "boolean", help: "print nothing but errors" },
  },
  footer:
    "Exit codes: 0 every unit present, 1 units missing (or a run's gate tripped), 2 bad input or usage.",
  run: ({ values, positionals, argv }) => mergeFiles(positionals, values, argv),
});

/** `berth merge ARGV` (tests call it directly; it throws usage and input errors). */
export const mergeCommand = (argv: string[]): Promise<number> => merge.main(argv);

interface MergeValues {
  out?: string | undefined;
  junit?: string | undefined;
  svg?: boolean | undefined;
  png?: boolean | undefined;
  quiet?: boolean | undefined;
}

async function mergeFiles(positionals: string[], values: MergeValues, argv: string[]): Promise<number> {
  const say = (line: string) => {
    if (!values.quiet) console.log(terminalText(line));
  };
  // Before reading anything: the output folder must be writable.
  if (values.out) checkOutputs([{ what: "--out", path: values.out, kind: "folder" }]);
  let merged: ReturnType<typeof mergeUnitFiles>;
  try {
    const files = unitFilesOf(positionals);
    const runs = files.filter(isRunShardFile);
    if (runs.length > 0 && runs.length < files.length)
      throw new UnitFileError(
        `cannot merge run shards (${runs[0]}) with sweep unit files (${files.find((f) => !runs.includes(f))})`,
      );
    if (runs.length > 0) return await mergeRuns(files, values, argv, say);
    const runOnly = values.junit ? "--junit" : values.svg ? "--svg" : values.png ? "--png" : undefined;
    if (runOnly) throw new UsageError(`merge: ${runOnly} goes with run shards, not a sweep's unit files`);
    merged = mergeUnitFiles(files);
  } catch (e) {
    if (e instanceof UnitFileError) throw new UsageError(`merge: ${e.message}`);
    throw e;
  }
  const { plan, files, records, duplicates, missing } = merged;
  say(
    `berth: merge ${plan.name} (sweep ${plan.hash}): ${records.length}/${plan.units.length} units from ${files.length} file(s)` +
      (duplicates > 0 ? `, ${duplicates} duplicate(s) ignored` : ""),
  );
  if (missing.length > 0) {
    console.error(`merge: ${missing.length} unit(s) missing:`);
    for (const u of missing) console.error(`  ${u.key} (cell ${u.cell}, seed ${u.seed})`);
    return 1;
  }
  if (values.out) {
    const report = sweepReportFiles(plan, records, values.out);
    writeOutputs([
      { path: join(values.out, "units.ndjson"), content: mergedUnitFile(plan, records) },
      ...report.files,
    ]);
    say(`Report: ${report.html}  (sweep.json, summary.md, units.ndjson beside it)`);
  }
  return 0;
}

/** Run shards: rebuild the run's results.json from the files alone, print it like `berth run`, check gates. */
async function mergeRuns(
  files: string[],
  values: MergeValues,
  argv: string[],
  say: (line: string) => void,
): Promise<number> {
  if (values.junit) checkOutputs([{ what: "--junit", path: values.junit, kind: "file" }]);
  const m = mergeRunShards(files);
  const { plan } = m;
  say(
    terminalText(
      `berth: merge run ${plan.scenario.name} (run ${runHash(plan)}): ${m.present}/${plan.units.length} seeds from ${plural(files.length, "file")}` +
        (m.duplicates > 0 ? `, ${m.duplicates} duplicate(s) ignored` : ""),
    ),
  );
  if (m.missing.length > 0) {
    console.error(`merge: ${m.missing.length} seed(s) missing:`);
    for (const u of m.missing) console.error(`  ${u.key} (seed ${u.seed})`);
    return 1;
  }
  const results = buildResults(resultsScenario(plan), m.comparison, {
    baseline: plan.baseline,
    gates: plan.gates,
    provenance: { strategies: plan.origins, invocation: invocation(["merge", ...argv]) },
  });
  const sayEscaped = (line: string) => {
    for (const l of line.split("\n")) say(terminalText(l));
  };
  let images = 0;
  if (values.out) {
    const written = await runReportFiles(results, values.out, {
      junit: values.junit,
      formats: imageFormats(values),
    });
    writeOutputs(written.files);
    appendStepSummary(results);
    images = written.images;
  } else if (values.junit)
    writeOutputs([{ path: values.junit, content: renderJunit(results.scenario.name, results.gates) }]);
  return printRunOutcome(results, sayEscaped, {
    ...(values.out ? { outDir: values.out, images } : {}),
    ...(values.junit ? { junit: values.junit } : {}),
  });
}
