/** berth import FORMAT FILES...: turn a public trace or your own ECS cluster's JSON into a scenario. */
import { existsSync, statSync } from "node:fs";
import { basename } from "node:path";
import { stringify } from "yaml";
import { parseDuration } from "../core/duration.ts";
import type { ImportOptions } from "../import/import-result.ts";
import { IMPORTERS } from "../import/importers.ts";
import { synthesize } from "../import/synthetic.ts";
import { writeImport } from "../import/write-import.ts";
import { type ArgValues, positiveInteger } from "./args.ts";
import { defineCommand, type OptionSpec } from "./command.ts";
import { checkOutputs, writeOutputFile } from "./outputs.ts";
import { UsageError } from "./usage-error.ts";

function seconds(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const s = parseDuration(/^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  if (s === undefined)
    throw new UsageError(`import: --${flag} needs a time like 600, 90m or 2h (got "${v}")`);
  return s;
}

const IMPORT_OPTIONS = {
  out: { type: "string", value: "FILE", help: "scenario file to write (default imported-FORMAT.yaml)" },
  from: {
    type: "string",
    value: "T",
    help: 'window start on the trace\'s own clock ("600", "2h", "1d"); tasks alive at --from start at 0',
  },
  to: { type: "string", value: "T", help: "window end on the trace's own clock" },
  sample: {
    type: "string",
    value: "F",
    help: "keep this share of the tasks (0 < F <= 1), deterministic for a --seed",
  },
  seed: { type: "string", value: "N", help: "seed of --sample (default 1)" },
  "ref-cpu": {
    type: "string",
    value: "UNITS",
    help:
      "CPU units of a machine of normalized size 1.0 (google-2011 default 32768 = 32 vCPU;\n" +
      "alibaba-2018: cores are explicit)",
  },
  "ref-memory": {
    type: "string",
    value: "MIB",
    help:
      "MiB of a machine of normalized size 1.0 / 100 (google-2011 default 131072;\n" +
      "alibaba-2018 default 262144)",
  },
  machines: {
    type: "string",
    value: "N",
    help: "google-2011 without machine_events: N reference machines (default: peak demand / 0.85)",
  },
  synthetic: {
    type: "boolean",
    help:
      "also write NAME.synthetic.yaml: arrivals per hour of day and the shape x duration mix\n" +
      "fitted to the trace, to extrapolate beyond the recorded window",
  },
} as const satisfies Record<string, OptionSpec>;

export const importTrace = defineCommand({
  name: "import",
  args: "<format> <files>...",
  description:
    "Formats (docs/traces.md says how each maps and what it cannot say):\n" +
    "  google-2011        task_events shards (gzip CSV, no header), machine_events optional\n" +
    "  alibaba-2018       batch_task and/or container_meta, with machine_meta (failure domains as zones)\n" +
    "  alibaba-gpu-2023   openb node list and pod list (fractional GPU shares, beyond ECS)\n" +
    "  ecs                aws ecs describe-container-instances / describe-tasks / describe-services /\n" +
    '                     describe-task-definition JSON and EventBridge "ECS Task State Change" NDJSON\n' +
    "\n" +
    "Writes the scenario (default imported-FORMAT.yaml), NAME.tasks.csv.gz beside it (the tasks, berth's trace\n" +
    "format) and NAME.reconciliation.json; prints the reconciliation: rows read, tasks, events by type, rows\n" +
    "skipped by reason with file:line of the first few.",
  options: IMPORT_OPTIONS,
  footer: "Exit codes: 0 ok, 2 bad input or usage.",
  run: ({ values, positionals }) => importFiles(positionals, values),
});

/** `berth import ARGV` (tests call it directly; it throws usage and input errors). */
export const importCommand = (argv: string[]): Promise<number> => importTrace.main(argv);

async function importFiles(positionals: string[], values: ArgValues<typeof IMPORT_OPTIONS>): Promise<number> {
  const [format, ...files] = positionals;
  if (format === undefined) throw new UsageError("import: name a format and files (see berth import --help)");
  const importer = IMPORTERS[format];
  if (!importer)
    throw new UsageError(
      `import: unknown format "${format}" (formats: ${Object.keys(IMPORTERS).join(", ")})`,
    );
  if (files.length === 0) throw new UsageError(`import ${format}: name the input files`);
  for (const f of files)
    if (!existsSync(f) || !statSync(f).isFile()) throw new UsageError(`import ${format}: no such file ${f}`);
  const sample = values.sample === undefined ? undefined : Number(values.sample);
  if (sample !== undefined && !(sample > 0 && sample <= 1))
    throw new UsageError(`import: --sample needs a share in (0, 1] (got "${values.sample}")`);
  const options: ImportOptions = {};
  const from = seconds("from", values.from);
  const to = seconds("to", values.to);
  if (from !== undefined) options.from = from;
  if (to !== undefined) options.to = to;
  if (from !== undefined && to !== undefined && to <= from)
    throw new UsageError("import: --to must be later than --from");
  if (sample !== undefined) options.sample = sample;
  const seed = positiveInteger("import", "seed", values.seed);
  if (seed !== undefined) options.seed = seed;
  const refCpu = positiveInteger("import", "ref-cpu", values["ref-cpu"]);
  if (refCpu !== undefined) options.referenceCpu = refCpu;
  const refMemory = positiveInteger("import", "ref-memory", values["ref-memory"]);
  if (refMemory !== undefined) options.referenceMemory = refMemory;
  const machines = positiveInteger("import", "machines", values.machines);
  if (machines !== undefined) options.machines = machines;

  const out = values.out ?? `imported-${format}.yaml`;
  // An output that cannot be written is a usage error before the (possibly long) import.
  checkOutputs([{ what: values.out !== undefined ? "--out" : "output", path: out, kind: "file" }]);
  const started = performance.now();
  let result: ReturnType<typeof importer>;
  try {
    result = importer(files, options);
  } catch (e) {
    throw new UsageError(
      `import ${(e as Error).message.startsWith(format) ? "" : `${format}: `}${(e as Error).message}`,
    );
  }
  const written = await writeImport(result, out);
  if (values.synthetic) {
    const file = out.replace(/\.(ya?ml)$/i, "") + ".synthetic.yaml";
    const stem = basename(out).replace(/\.(ya?ml)$/i, "");
    writeOutputFile(
      file,
      `# Generated by berth import ${format} --synthetic; see docs/traces.md\n${stringify(synthesize(result, stem), { lineWidth: 0 })}`,
    );
    console.log(`wrote ${file} (synthetic, fitted to the trace)`);
  }
  const secondsTaken = (performance.now() - started) / 1000;
  for (const line of written.lines) console.log(line);
  console.log(
    `wrote ${written.scenario}, ${written.trace} and ${written.reconciliationFile} in ${secondsTaken.toFixed(2)}s (${Math.round(result.stats.rowsRead / Math.max(secondsTaken, 1e-9)).toLocaleString("en-US")} rows/s)`,
  );
  return 0;
}
