/**
 * Compiles a `trace:` workload source: resolves the file, streams it once (the same TraceStream a run
 * uses, so the same rows are kept and skipped) to learn its distinct task shapes, how many tasks of each
 * there are (the empirical mix fragmentation-aware strategies weigh) and its reconciliation, and hashes the
 * bytes read so results name exactly what ran. Memory stays bounded by the shapes, not the rows.
 */
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { TaskShape } from "../../model/task-definition.ts";
import { type ParsedConstraint, parseConstraint } from "../../placement/constraints.ts";
import type { CompiledTrace } from "../../trace/compiled-trace.ts";
import { shapeKey, type TraceRow } from "../../trace/trace-row.ts";
import { DEFAULT_JITTER, DEFAULT_WINDOW, type TraceOptions, TraceStream } from "../../trace/trace-stream.ts";
import type { WorkloadSource } from "../compiled.ts";
import type { FieldPath } from "../problems.ts";
import type { Scenario } from "../schema.ts";
import type { CompileContext } from "./context.ts";

type TraceInput = NonNullable<Scenario["workload"][number]["trace"]>;

/** Expected copies per trace row: sample x replicate x loadFactor. */
export function traceFactor(t: TraceInput, loadFactor = 1): number {
  return (t.sample ?? 1) * (t.replicate ?? 1) * loadFactor;
}

/** Part of phase "workload": adds the trace's distinct shapes to ctx.shapes (with their constraints). */
export function compileTrace(t: TraceInput, at: FieldPath, ctx: CompileContext): CompiledTrace | undefined {
  const { shapes, definitionConstraints, report } = ctx;
  const { horizon, seed } = ctx.s;
  const baseDir = ctx.baseDir;
  const path = resolve(baseDir, t.file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    report.error([...at, "file"], `no trace file at ${t.file}`);
    return undefined;
  }
  const options: TraceOptions = {
    ...(t.format !== undefined ? { format: t.format } : {}),
    speed: t.speed ?? 1,
    factor: traceFactor(t),
    jitter: t.jitter ?? DEFAULT_JITTER,
    window: t.reorderWindow ?? DEFAULT_WINDOW,
    until: horizon,
    seed,
    label: t.file,
  };
  const hash = createHash("sha256");
  // Every row once (factor 1), so each shape a run of any seed can draw is known.
  const stream = new TraceStream(path, { ...options, factor: 1, hash });
  const shapeIndex = new Map<string, number>();
  const shapeCounts = new Map<number, number>();
  const badConstraints = new Set<string>();
  for (let task = stream.next(); task !== undefined; task = stream.next()) {
    if (task.copy !== 0) continue;
    const key = shapeKey(task.row);
    let k = shapeIndex.get(key);
    if (k === undefined) {
      const constraints = constraintsOf(task.row, (message) => {
        if (badConstraints.size < 5 && !badConstraints.has(message)) {
          badConstraints.add(message);
          report.error([...at, "file"], `${t.file}:${task.line}: memberOf ${message}`);
        }
      });
      k = shapes.length;
      shapes.push(shapeOf(task.row));
      definitionConstraints.push(constraints);
      shapeIndex.set(key, k);
    }
    shapeCounts.set(k, (shapeCounts.get(k) ?? 0) + 1);
  }
  if (stream.missingColumns.length > 0)
    report.error(
      [...at, "file"],
      `${t.file}:1: the header has no "${stream.missingColumns.join('", "')}" column`,
    );
  if (stream.unknownColumns.length > 0)
    report.warn(
      [...at, "file"],
      `${t.file}:1: ignoring columns berth does not read: ${stream.unknownColumns.join(", ")}`,
    );
  const rec = stream.stats.toJSON();
  for (const [reason, r] of Object.entries(rec.skipped))
    report.warn([...at, "file"], `${r.count} rows skipped: ${reason} (first: ${r.first.join(", ")})`);
  for (const [reason, r] of Object.entries(rec.adjusted))
    report.warn([...at, "file"], `${r.count} rows ${reason} (first: ${r.first.join(", ")})`);
  if (shapeIndex.size === 0 && stream.missingColumns.length === 0)
    report.error([...at, "file"], `${t.file} has no task before the horizon (${rec.rowsRead} rows read)`);
  return {
    path,
    label: relative(process.cwd(), path) || t.file,
    options,
    hold: t.hold ?? false,
    shapeIndex,
    shapeCounts,
    hash: hash.digest("hex"),
    reconciliation: rec,
  };
}

function shapeOf(r: TraceRow): TaskShape {
  return {
    family: r.family,
    networkMode: "bridge",
    cpu: r.cpu,
    memory: r.memory,
    gpu: r.gpu,
    ...(r.gpuMilli > 0 ? { gpuMilli: r.gpuMilli } : {}),
    eni: 0,
    dynamicPorts: 0,
    staticPorts: r.ports,
    containers: [{ name: r.family, essential: true }],
  };
}

function constraintsOf(r: TraceRow, problem: (message: string) => void): ParsedConstraint[] {
  const out: ParsedConstraint[] = [];
  if (r.distinctInstance) out.push({ type: "distinctInstance" });
  if (r.memberOf !== "") {
    const parsed = parseConstraint({ type: "memberOf", expression: r.memberOf }, (_p, m) => problem(m));
    if (parsed) out.push(parsed);
  }
  return out;
}

/** The workload source of a compiled trace (mix and arrival are placeholders: the file decides). */
export function traceSource(
  w: Scenario["workload"][number],
  i: number,
  trace: CompiledTrace,
  constraints: ParsedConstraint[],
): WorkloadSource {
  const first = trace.shapeIndex.values().next().value ?? 0;
  return {
    name: w.name ?? `trace#${i}`,
    shape: first,
    group: w.group ?? "",
    arrival: { type: "schedule", at: [], count: 1 },
    duration: { type: "constant", value: 0 },
    mix: [],
    providerStrategy: [],
    constraints,
    trace,
  };
}
