/**
 * The NDJSON file of finished units: a header line (format, schema version, berth version, sweep hash,
 * shard, and the whole plan, so `merge` needs nothing else), then one line per finished unit, appended
 * (one write call each) the moment the unit finishes. A run killed mid-write leaves at most one partial last
 * line, which reading ignores and resuming cuts off.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { UnitRecord } from "./run-unit.ts";
import type { SweepPlan } from "./units.ts";

export const UNIT_FILE_FORMAT = "berth-sweep-units";
export const UNIT_FILE_VERSION = 1;

export const BERTH_VERSION = (createRequire(import.meta.url)("../../package.json") as { version: string })
  .version;

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export interface UnitFileHeader {
  format: typeof UNIT_FILE_FORMAT;
  schemaVersion: number;
  berth: string;
  sweepHash: string;
  shard: Shard | null;
  plan: SweepPlan;
}

export interface UnitFile {
  header: UnitFileHeader;
  records: UnitRecord[];
  /** Bytes of the file up to the end of its last complete line. */
  completeBytes: number;
  /** True when the last line was cut short (a killed writer). */
  truncated: boolean;
}

export class UnitFileError extends Error {
  override name = "UnitFileError";
}

export function unitFileHeader(plan: SweepPlan, shard: Shard | null): UnitFileHeader {
  return {
    format: UNIT_FILE_FORMAT,
    schemaVersion: UNIT_FILE_VERSION,
    berth: BERTH_VERSION,
    sweepHash: plan.hash,
    shard,
    plan,
  };
}

export function readUnitFile(path: string): UnitFile {
  const text = readFileSync(path, "utf8");
  const end = text.lastIndexOf("\n") + 1;
  const lines = text.slice(0, end).split("\n").slice(0, -1);
  if (lines.length === 0) throw new UnitFileError(`${path}: no header line (not a berth sweep unit file)`);
  let header: UnitFileHeader;
  try {
    header = JSON.parse(lines[0]!) as UnitFileHeader;
  } catch {
    throw new UnitFileError(`${path}:1: the header is not JSON (not a berth sweep unit file)`);
  }
  if (header?.format !== UNIT_FILE_FORMAT)
    throw new UnitFileError(`${path}:1: not a berth sweep unit file (format "${String(header?.format)}")`);
  const records: UnitRecord[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line === "") return;
    try {
      records.push(JSON.parse(line) as UnitRecord);
    } catch {
      throw new UnitFileError(`${path}:${i + 2}: a unit line is not JSON`);
    }
  });
  return {
    header,
    records,
    completeBytes: Buffer.byteLength(text.slice(0, end)),
    truncated: end < text.length,
  };
}

/**
 * Opens the file for a (resumed) run of `header`'s sweep: creates it with the header, or checks that an
 * existing one is for the same sweep, berth version and shard, cuts a partial last line, and returns the
 * finished records.
 */
export function openUnitFile(path: string, header: UnitFileHeader): UnitRecord[] {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(header)}\n`);
    return [];
  }
  const existing = readUnitFile(path);
  const h = existing.header;
  const shardText = (s: Shard | null) => (s ? `${s.index}/${s.total}` : "none");
  if (
    h.sweepHash !== header.sweepHash ||
    h.schemaVersion !== header.schemaVersion ||
    h.berth !== header.berth
  )
    throw new UnitFileError(
      `${path} holds units of another sweep or berth version (sweep ${h.sweepHash}, berth ${h.berth}; ` +
        `this run: sweep ${header.sweepHash}, berth ${header.berth}); choose another --out or delete it`,
    );
  if (shardText(h.shard) !== shardText(header.shard))
    throw new UnitFileError(
      `${path} is shard ${shardText(h.shard)}, this run is shard ${shardText(header.shard)}`,
    );
  if (existing.truncated) writeFileSync(path, readFileSync(path).subarray(0, existing.completeBytes));
  return existing.records;
}

/** Throws unless two unit files' headers are of the same work (`kind` and hash), schema and berth version. */
export function checkSameWork(
  kind: "sweep" | "run",
  a: { file: string; hash: string; schemaVersion: number; berth: string },
  b: { file: string; hash: string; schemaVersion: number; berth: string },
): void {
  const clash =
    b.hash !== a.hash
      ? `${kind} ${b.hash} vs ${a.hash}`
      : b.schemaVersion !== a.schemaVersion
        ? `unit-file schema ${b.schemaVersion} vs ${a.schemaVersion}`
        : b.berth !== a.berth
          ? `berth ${b.berth} vs ${a.berth}`
          : undefined;
  if (clash) throw new UnitFileError(`cannot merge ${b.file} with ${a.file}: ${clash}`);
}

export function appendUnit(path: string, record: UnitRecord): void {
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}
