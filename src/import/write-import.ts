/**
 * Writes an import: `NAME.yaml` (the scenario), `NAME.tasks.csv.gz` (the tasks in berth's trace format, in
 * submit order) and `NAME.reconciliation.json` (rows read, tasks, events by type, rows skipped by reason
 * with file:line of the first few), and returns the reconciliation lines the command prints.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { stringify } from "yaml";
import type { TraceRow } from "../trace/trace-row.ts";
import type { ImportResult } from "./import-result.ts";

const COLUMNS = "submit,duration,cpu,memory,gpu,gpuMilli,ports,family,group,distinctInstance,memberOf,count";

function csvField(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

export function traceLine(t: TraceRow): string {
  return [
    round(t.submit),
    Number.isFinite(t.duration) ? round(t.duration) : "",
    t.cpu,
    t.memory,
    t.gpu || "",
    t.gpuMilli || "",
    t.ports.join(" "),
    csvField(t.family),
    csvField(t.group),
    t.distinctInstance ? 1 : "",
    csvField(t.memberOf),
    t.count === 1 ? "" : t.count,
  ].join(",");
}

export async function writeTraceFile(path: string, tasks: TraceRow[]): Promise<void> {
  function* chunks() {
    yield `${COLUMNS}\n`;
    let chunk = "";
    for (const t of tasks) {
      chunk += `${traceLine(t)}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = "";
      }
    }
    yield chunk;
  }
  await pipeline(chunks, createGzip(), createWriteStream(path));
}

export interface WrittenImport {
  scenario: string;
  trace: string;
  reconciliationFile: string;
  lines: string[];
}

/** The `cluster:` section of an imported scenario: inline instance types and one group per type and zone. */
export function clusterDocument(r: ImportResult): Record<string, unknown> {
  return {
    instanceTypes: Object.fromEntries(
      r.types.map((t) => [t.name, { cpu: t.cpu, memory: t.memory, ...(t.gpu ? { gpu: t.gpu } : {}) }]),
    ),
    instances: r.groups.map((g) => ({
      type: g.type,
      count: g.count,
      ...(g.zone ? { zones: [g.zone] } : {}),
      ...(g.attributes && Object.keys(g.attributes).length > 0 ? { attributes: g.attributes } : {}),
    })),
  };
}

/** The scenario document of an import (plain data, ready for YAML). */
export function scenarioDocument(r: ImportResult, name: string, traceFile: string): Record<string, unknown> {
  const last = r.tasks.reduce(
    (m, t) => Math.max(m, t.submit + (Number.isFinite(t.duration) ? t.duration : 0)),
    0,
  );
  const horizon = Math.max(60, Math.ceil(last / 60) * 60);
  const strategies: Record<string, unknown>[] = [];
  if (r.observedStrategy) strategies.push({ name: "as-observed", placementStrategy: r.observedStrategy });
  strategies.push(
    { name: "binpack-memory", placementStrategy: [{ type: "binpack", field: "memory" }] },
    { name: "spread-instance", placementStrategy: [{ type: "spread", field: "instanceId" }] },
    { name: "best-fit", placementStrategy: [{ type: "best-fit" }] },
    { name: "fragmentation-aware", placementStrategy: [{ type: "fragmentation-aware" }] },
  );
  return {
    name: name.replace(/[^A-Za-z0-9._-]/g, "-"),
    description: [`Imported by berth import ${r.format}.`, ...r.notes].join(" "),
    seed: 1,
    replications: 1,
    horizon,
    cluster: clusterDocument(r),
    ...(r.taskDefinitions && r.taskDefinitions.length > 0 ? { taskDefinitions: r.taskDefinitions } : {}),
    workload: [{ name: `${r.format}-trace`, trace: { file: traceFile } }],
    strategies,
  };
}

export function reconciliationLines(r: ImportResult): string[] {
  const lines = r.stats.lines(`${r.format}`);
  const events = [...r.events].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (events.length > 0)
    lines.splice(1, 0, `  events: ${events.map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`).join(", ")}`);
  const types = r.types.length;
  const instances = r.groups.reduce((n, g) => n + g.count, 0);
  lines.push(
    `  cluster: ${instances.toLocaleString("en-US")} instances of ${types} types in ${r.groups.length} groups`,
  );
  return lines;
}

/**
 * Writes the scenario, its trace and the reconciliation. Each goes to a temporary name beside its target
 * and the three are renamed into place only once all were written, so an import that fails or is killed
 * half-way leaves no truncated trace or scenario that looks complete (and any previous import whole).
 */
export async function writeImport(r: ImportResult, out: string): Promise<WrittenImport> {
  mkdirSync(dirname(out) || ".", { recursive: true });
  const stem = basename(out).replace(/\.(ya?ml)$/i, "");
  const traceName = `${stem}.tasks.csv.gz`;
  const trace = join(dirname(out), traceName);
  const reconciliationFile = join(dirname(out), `${stem}.reconciliation.json`);
  const temporary = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const targets = [trace, out, reconciliationFile];
  try {
    await writeTraceFile(temporary(trace), r.tasks);
    const doc = scenarioDocument(r, stem, traceName);
    writeFileSync(
      temporary(out),
      `# Generated by berth import ${r.format}; see docs/traces.md\n${stringify(doc, { lineWidth: 0 })}`,
    );
    writeFileSync(
      temporary(reconciliationFile),
      `${JSON.stringify(
        {
          format: r.format,
          ...r.stats.toJSON(),
          events: Object.fromEntries([...r.events].sort()),
          notes: r.notes,
        },
        null,
        2,
      )}\n`,
    );
    for (const path of targets)
      if (existsSync(path) && statSync(path).isDirectory())
        throw new Error(`cannot write ${path}: it is a folder`);
    for (const path of targets) renameSync(temporary(path), path);
  } finally {
    for (const path of targets) rmSync(temporary(path), { force: true });
  }
  return { scenario: out, trace, reconciliationFile, lines: reconciliationLines(r) };
}
