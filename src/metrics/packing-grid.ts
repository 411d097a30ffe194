/**
 * The packing heatmap of one run, downsampled to a bounded grid (results.json `strategies[].packing`).
 *
 * Columns: `bins` equal time bins over [0, horizon]. Cell value: the time-weighted mean reserved share of
 * the row's instances over the time they existed in that bin, weighted by their registered capacity:
 * sum(reserved x seconds) / sum(registered x seconds present), for CPU and memory separately, in per mille
 * (0..1000, rounded). A cell where no instance of the row existed is null: absent, not 0%.
 *
 * Rows: instances ordered by instance group (scenario order), zone (by name), then launch order. With at
 * most `maxRows` instances, one row each. Otherwise each (group, zone) section gets rows in proportion to
 * its instances (at least one; largest remainders first), and each row aggregates consecutive instances
 * of its section (the first rows of a section take one more when it does not divide evenly). With more
 * sections than rows, the ordered instances are cut into `maxRows` consecutive blocks and a row whose
 * instances differ in group or zone says so (null).
 */
import type { InstancePacking } from "./packing-recorder.ts";

export const PACKING_BINS = 60;
export const PACKING_ROWS = 40;

export interface PackingRow {
  /** First and last instance id of the row in its order (equal for a single instance). */
  first: string;
  last: string;
  /** Instances the row aggregates. */
  count: number;
  /** Their instance group and zone; null when they differ. */
  group: string | null;
  zone: string | null;
  /** Per bin: time-weighted reserved share in per mille, null where none of them existed. */
  cpu: (number | null)[];
  memory: (number | null)[];
}

export interface PackingHeatmap {
  /** The seed the heatmap was recorded on. */
  seed: number;
  /** Width of each bin (simulated seconds); bin k covers [k x binSeconds, (k+1) x binSeconds). */
  binSeconds: number;
  bins: number;
  /** Container instances shown (launched at some time in the run; Fargate capacity excluded). */
  instances: number;
  /** Rows at most (the bound the grid was cut to). */
  maxRows: number;
  rows: PackingRow[];
}

/** What the grid needs to know about each instance besides its areas. */
export interface InstanceLabels {
  id: (index: number) => string;
  zone: (index: number) => string;
  /** Group index (scenario order) and name. */
  groupIndex: (index: number) => number;
  groupName: (index: number) => string;
}

export function packingGrid(
  seed: number,
  instances: InstancePacking[],
  labels: InstanceLabels,
  horizon: number,
  bins: number,
  maxRows = PACKING_ROWS,
): PackingHeatmap {
  // Sort keys computed once per instance (zones ranked by name), not in every comparison.
  const group = instances.map((x) => labels.groupIndex(x.index));
  const zoneNames = instances.map((x) => labels.zone(x.index));
  const rank = new Map([...new Set(zoneNames)].sort(compareText).map((z, k) => [z, k]));
  const zone = zoneNames.map((z) => rank.get(z)!);
  const ordered = instances
    .map((_, k) => k)
    .sort((a, b) => group[a]! - group[b]! || zone[a]! - zone[b]! || instances[a]!.index - instances[b]!.index)
    .map((k) => instances[k]!);
  const width = horizon > 0 ? horizon / bins : 1;
  const rows = rowBlocks(ordered, labels, maxRows).map((block) => packingRow(block, labels, width, bins));
  return { seed, binSeconds: width, bins, instances: ordered.length, maxRows, rows };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ordered instances cut into at most maxRows consecutive blocks (see the file comment). */
export function rowBlocks<T extends { index: number }>(
  ordered: T[],
  labels: Pick<InstanceLabels, "zone" | "groupIndex">,
  maxRows: number,
): T[][] {
  if (ordered.length <= maxRows) return ordered.map((x) => [x]);
  const sections: T[][] = [];
  let key = "";
  for (const x of ordered) {
    const k = `${labels.groupIndex(x.index)}\u0000${labels.zone(x.index)}`;
    if (sections.length === 0 || k !== key) sections.push([]);
    key = k;
    sections.at(-1)!.push(x);
  }
  if (sections.length > maxRows) return cut(ordered, maxRows);
  const rows = apportion(
    sections.map((s) => s.length),
    maxRows,
  );
  return sections.flatMap((s, k) => cut(s, rows[k]!));
}

/** Rows per section: proportional to its size, at least 1, at most its size, summing to at most total. */
export function apportion(sizes: number[], total: number): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const rows = sizes.map((s) => Math.max(1, Math.min(s, Math.floor((total * s) / n))));
  let left = total - rows.reduce((a, b) => a + b, 0);
  // Largest remainder first (then section order), among sections that can take another row.
  const order = sizes
    .map((s, k) => ({ k, rest: (total * s) / n - Math.floor((total * s) / n) }))
    .sort((a, b) => b.rest - a.rest || a.k - b.k);
  while (left > 0) {
    let given = false;
    for (const { k } of order) {
      if (left === 0) break;
      if (rows[k]! < sizes[k]!) {
        rows[k]!++;
        left--;
        given = true;
      }
    }
    if (!given) break;
  }
  // Minimums of 1 may overshoot the total: take rows back from the largest allotments.
  while (left < 0) {
    let k = 0;
    for (let j = 1; j < rows.length; j++) if (rows[j]! > rows[k]!) k = j;
    rows[k]!--;
    left++;
  }
  return rows;
}

/** `items` cut into `parts` consecutive blocks, the first ones one longer when it does not divide. */
function cut<T>(items: T[], parts: number): T[][] {
  const out: T[][] = [];
  const base = Math.floor(items.length / parts);
  const extra = items.length % parts;
  let at = 0;
  for (let k = 0; k < parts; k++) {
    const size = base + (k < extra ? 1 : 0);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

function packingRow(
  block: InstancePacking[],
  labels: InstanceLabels,
  width: number,
  bins: number,
): PackingRow {
  const cpuArea = new Float64Array(bins);
  const cpuPresent = new Float64Array(bins);
  const memoryArea = new Float64Array(bins);
  const memoryPresent = new Float64Array(bins);
  for (const x of block) {
    // Only the bins the instance overlaps.
    const last = Math.min(bins - 1, Math.floor(x.until / width));
    for (let b = Math.min(bins - 1, Math.floor(x.from / width)); b <= last; b++) {
      const end = b === bins - 1 ? Number.POSITIVE_INFINITY : (b + 1) * width;
      const present = Math.min(end, x.until) - Math.max(b * width, x.from);
      if (!(present > 0)) continue;
      cpuArea[b]! += x.cpuArea[b]! * x.regCpu;
      cpuPresent[b]! += present * x.regCpu;
      memoryArea[b]! += x.memoryArea[b]! * x.regMemory;
      memoryPresent[b]! += present * x.regMemory;
    }
  }
  const cpu: (number | null)[] = [];
  const memory: (number | null)[] = [];
  for (let b = 0; b < bins; b++) {
    cpu.push(perMille(cpuArea[b]!, cpuPresent[b]!));
    memory.push(perMille(memoryArea[b]!, memoryPresent[b]!));
  }
  const first = block[0]!;
  const same = (f: (i: number) => string) =>
    block.every((x) => f(x.index) === f(first.index)) ? f(first.index) : null;
  return {
    first: labels.id(first.index),
    last: labels.id(block.at(-1)!.index),
    count: block.length,
    group: same(labels.groupName),
    zone: same(labels.zone),
    cpu,
    memory,
  };
}

/** area / present in per mille, clipped to 0..1000; null when nothing was present. */
function perMille(area: number, present: number): number | null {
  if (!(present > 0)) return null;
  return Math.max(0, Math.min(1000, Math.round((1000 * area) / present)));
}
