/**
 * Merging shard files (or any unit files of one sweep): all must carry the same sweep hash, unit-file
 * schema and berth version; records are deduplicated by key (a unit run twice, e.g. a retried array task,
 * counts once); the plan's keys without a record are reported.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { UnitRecord } from "./run-unit.ts";
import { missingUnits } from "./sweep-results.ts";
import { checkSameWork, readUnitFile, UnitFileError, type UnitFileHeader } from "./unit-file.ts";
import type { SweepPlan } from "./units.ts";

export interface Merged {
  plan: SweepPlan;
  files: string[];
  /** Sorted by key, one per key. */
  records: UnitRecord[];
  duplicates: number;
  missing: { key: string; cell: number; seed: number }[];
}

/** The unit files named: files as given, folders by their *.ndjson files (sorted by name). */
export function unitFilesOf(paths: string[]): string[] {
  return paths.flatMap((p) => {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new UnitFileError(`${p}: no such file or folder`);
    }
    if (!isDir) return [p];
    const found = readdirSync(p)
      .filter((f) => f.endsWith(".ndjson"))
      .sort()
      .map((f) => join(p, f));
    if (found.length === 0) throw new UnitFileError(`${p}: no .ndjson unit files in this folder`);
    return found;
  });
}

export function mergeUnitFiles(paths: string[]): Merged {
  const files = unitFilesOf(paths);
  let first: { file: string; header: UnitFileHeader } | undefined;
  const byKey = new Map<string, UnitRecord>();
  let duplicates = 0;
  for (const file of files) {
    const { header, records } = readUnitFile(file);
    if (!first) first = { file, header };
    else
      checkSameWork(
        "sweep",
        { file: first.file, hash: first.header.sweepHash, ...first.header },
        { file, hash: header.sweepHash, ...header },
      );
    for (const r of records) {
      if (byKey.has(r.key)) duplicates++;
      else byKey.set(r.key, r);
    }
  }
  if (!first) throw new UnitFileError("no unit files to merge");
  const plan = first.header.plan;
  const planned = new Set(plan.units.map((u) => u.key));
  const stray = [...byKey.keys()].filter((k) => !planned.has(k));
  if (stray.length > 0)
    throw new UnitFileError(`${stray.length} unit(s) not in the sweep's plan, e.g. ${stray[0]}`);
  const missingKeys = new Set(missingUnits(plan, byKey.values()));
  const records = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    plan,
    files,
    records,
    duplicates,
    missing: plan.units.filter((u) => missingKeys.has(u.key)),
  };
}
