/**
 * berth's trace format: one task per row, CSV with a header line or NDJSON (one JSON object per line).
 *
 *   column            unit / form                                     default
 *   submit            seconds of simulated time                       required
 *   duration | end   seconds; empty or absent: runs past the trace     (never ends)
 *   cpu               CPU units (1024 = 1 vCPU), rounded to a whole unit   0
 *   memory            MiB, rounded to a whole MiB                      0
 *   gpu               whole GPUs                                        0
 *   gpuMilli          a share of ONE GPU in 1/1000 (1-999); beyond ECS  0
 *   ports             static host ports, "80 443/tcp 53/udp" (CSV) or an array (NDJSON)
 *   family            task family                                      "trace"
 *   group             task group                                       "family:<family>"
 *   distinctInstance  1/true: tasks of the group on distinct instances  false
 *   memberOf          a cluster query language expression              none
 *   count             identical tasks this row stands for (all submitted at once)   1
 *
 * A row either parses to a TraceRow or names the reason it is skipped; rows never throw.
 */

export interface TraceRow {
  submit: number;
  /** Seconds; Infinity when the task runs past the end of the trace. */
  duration: number;
  cpu: number;
  memory: number;
  gpu: number;
  gpuMilli: number;
  /** Static host ports as "port/protocol". */
  ports: string[];
  family: string;
  group: string;
  distinctInstance: boolean;
  memberOf: string;
  /** Identical tasks the row stands for (submitted together). */
  count: number;
}

export type RowResult = TraceRow | { skip: string };

export const TRACE_COLUMNS = [
  "submit",
  "duration",
  "end",
  "cpu",
  "memory",
  "gpu",
  "gpuMilli",
  "ports",
  "family",
  "group",
  "distinctInstance",
  "memberOf",
  "count",
] as const;

export type TraceFormat = "csv" | "ndjson";

/** The format a file name implies: .ndjson/.jsonl (optionally .gz) is NDJSON, anything else CSV. */
export function formatOf(file: string): TraceFormat {
  return /\.(ndjson|jsonl|json)(\.gz)?$/i.test(file) ? "ndjson" : "csv";
}

/** Splits one CSV line; fields may be quoted with "" for a literal quote. undefined: unbalanced quotes. */
export function splitCsv(line: string): string[] | undefined {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k]!;
    if (quoted) {
      if (ch === '"' && line[k + 1] === '"') {
        field += '"';
        k++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(field);
      field = "";
    } else field += ch;
  }
  if (quoted) return undefined;
  out.push(field);
  return out;
}

/** Field values by column name, whichever the format. */
type Get = (column: (typeof TRACE_COLUMNS)[number]) => unknown;

/** Parses CSV rows against a header line. */
export class CsvRows {
  readonly index = new Map<string, number>();
  readonly unknownColumns: string[] = [];

  constructor(header: string) {
    (splitCsv(header) ?? []).forEach((name, k) => {
      const n = name.trim();
      if ((TRACE_COLUMNS as readonly string[]).includes(n)) this.index.set(n, k);
      else if (n !== "") this.unknownColumns.push(n);
    });
  }

  missingColumns(): string[] {
    return this.index.has("submit") ? [] : ["submit"];
  }

  parse(line: string): RowResult {
    const fields = splitCsv(line);
    if (!fields) return { skip: "unbalanced quotes" };
    const get: Get = (c) => {
      const k = this.index.get(c);
      if (k === undefined) return undefined;
      const v = fields[k];
      return v === undefined || v.trim() === "" ? undefined : v.trim();
    };
    return rowOf(get);
  }
}

export function parseNdjson(line: string): RowResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { skip: "not JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { skip: "not a JSON object" };
  const obj = value as Record<string, unknown>;
  return rowOf((c) => (Object.hasOwn(obj, c) && obj[c] !== null ? obj[c] : undefined));
}

function numberOf(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") return Number(v);
  return Number.NaN;
}

function rowOf(get: Get): RowResult {
  const submitRaw = get("submit");
  if (submitRaw === undefined) return { skip: "missing submit time" };
  const submit = numberOf(submitRaw);
  if (!Number.isFinite(submit) || submit < 0) return { skip: "bad submit time" };
  let duration = Number.POSITIVE_INFINITY;
  const durationRaw = get("duration");
  const endRaw = get("end");
  if (durationRaw !== undefined) {
    duration = numberOf(durationRaw);
    if (!(duration >= 0)) return { skip: "bad duration" };
  } else if (endRaw !== undefined) {
    const end = numberOf(endRaw);
    if (Number.isNaN(end)) return { skip: "bad end time" };
    if (end < submit) return { skip: "end before submit" };
    duration = end - submit;
  }
  const amount = (c: "cpu" | "memory" | "gpu" | "gpuMilli"): number => {
    const raw = get(c);
    if (raw === undefined) return 0;
    const n = numberOf(raw);
    return Number.isFinite(n) && n >= 0 ? Math.round(n) : -1;
  };
  const cpu = amount("cpu");
  if (cpu < 0) return { skip: "bad cpu" };
  const memory = amount("memory");
  if (memory < 0) return { skip: "bad memory" };
  const gpu = amount("gpu");
  if (gpu < 0) return { skip: "bad gpu" };
  const gpuMilli = amount("gpuMilli");
  if (gpuMilli < 0 || gpuMilli >= 1000 || (gpuMilli > 0 && gpu > 0)) return { skip: "bad gpuMilli" };
  const countRaw = get("count");
  const count = countRaw === undefined ? 1 : numberOf(countRaw);
  if (!Number.isInteger(count) || count < 1) return { skip: "bad count" };
  const ports = portsOf(get("ports"));
  if (!ports) return { skip: "bad ports" };
  const familyRaw = get("family");
  const family = familyRaw === undefined ? "trace" : String(familyRaw);
  const groupRaw = get("group");
  const distinct = get("distinctInstance");
  const memberOf = get("memberOf");
  return {
    submit,
    duration,
    cpu,
    memory,
    gpu,
    gpuMilli,
    ports,
    family,
    group: groupRaw === undefined ? `family:${family}` : String(groupRaw),
    distinctInstance: distinct === true || distinct === 1 || distinct === "1" || distinct === "true",
    memberOf: memberOf === undefined ? "" : String(memberOf),
    count,
  };
}

function portsOf(raw: unknown): string[] | undefined {
  if (raw === undefined) return [];
  const items = Array.isArray(raw)
    ? raw.map(String)
    : String(raw)
        .split(/[\s;]+/)
        .filter(Boolean);
  const out: string[] = [];
  for (const item of items) {
    const m = /^(\d{1,5})(?:\/(tcp|udp))?$/.exec(item.trim());
    if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) return undefined;
    out.push(`${Number(m[1])}/${m[2] ?? "tcp"}`);
  }
  return out;
}

/** Tasks with equal keys are interchangeable for placement: one task shape each. */
export function shapeKey(r: TraceRow): string {
  return `${r.family}\u0000${r.cpu}\u0000${r.memory}\u0000${r.gpu}\u0000${r.gpuMilli}\u0000${r.ports.join(" ")}\u0000${r.distinctInstance ? 1 : 0}\u0000${r.memberOf}`;
}
