/** berth merge FILES|DIRS...: combine the unit files of a sharded sweep; --out writes the full report. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { mergeUnitFiles } from "../sweep/merge.ts";
import { UnitFileError, unitFileHeader } from "../sweep/unit-file.ts";
import { writeSweepReport } from "../sweep/write-report.ts";
import { defineCommand } from "./command.ts";
import { UsageError } from "./usage-error.ts";

export const merge = defineCommand({
  name: "merge",
  args: "<file.ndjson|folder>...",
  description:
    'Combines the unit files written by "berth sweep --shard i/n" (a folder stands for its *.ndjson files).\n' +
    "Refuses files of different sweeps or berth versions, counts a unit present twice once, and lists every\n" +
    "unit still missing (exit 1). With --out DIR, writes DIR/units.ndjson, sweep.json, summary.md and\n" +
    'index.html: the same files an unsharded "berth sweep" writes.',
  options: {
    out: { type: "string", value: "DIR", help: "where to write the merged unit file and the report" },
    quiet: { type: "boolean", help: "print nothing but errors" },
  },
  footer: "Exit codes: 0 every unit present, 1 units missing, 2 bad input or usage.",
  run: ({ values, positionals }) => mergeFiles(positionals, values),
});

/** `berth merge ARGV` (tests call it directly; it throws usage and input errors). */
export const mergeCommand = (argv: string[]): Promise<number> => merge.main(argv);

function mergeFiles(positionals: string[], values: { out?: string; quiet?: boolean }): number {
  const say = (line: string) => {
    if (!values.quiet) console.log(line);
  };
  let merged: ReturnType<typeof mergeUnitFiles>;
  try {
    merged = mergeUnitFiles(positionals);
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
    const written = writeSweepReport(plan, records, values.out);
    const header = unitFileHeader(plan, null);
    writeFileSync(
      join(values.out, "units.ndjson"),
      [header, ...records].map((r) => `${JSON.stringify(r)}\n`).join(""),
    );
    say(`Report: ${written.html}  (sweep.json, summary.md, units.ndjson beside it)`);
  }
  return 0;
}
