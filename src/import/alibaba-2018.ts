/**
 * alibaba-2018 (cluster-trace-v2018): machine_meta with batch_task and/or container_meta, CSV. Tables are
 * told apart by their file name (machine_meta, batch_task, container_meta); a header line, when present,
 * is skipped.
 *   machine_meta:   machine_id, time_stamp, failure_domain_1, failure_domain_2, cpu_num, mem_size, status
 *   batch_task:     task_name, instance_num, job_name, task_type, status, start_time, end_time, plan_cpu,
 *                   plan_mem
 *   container_meta: container_id, machine_id, time_stamp, app_du, status, cpu_request, cpu_limit, mem_size
 * Mapping: a machine (its last record) -> an instance; cpu_num cores x 1024 CPU units, mem_size (normalized
 * 0-100) x reference MiB / 100 (default 262144 = 256 GiB, --ref-memory); failure_domain_1 -> its zone
 * ("fd-N"). A batch_task row -> `instance_num` tasks (one trace row with count) submitted at start_time,
 * running end_time - start_time (every instance runs the task's whole span: the instance table, which has
 * per-instance times, is not read), plan_cpu / 100 cores, plan_mem as memory; group = job_name; rows not
 * Terminated are skipped by status. A container (its first record) -> one task from its first time_stamp
 * that runs past the replay (the table says when containers were seen, not when they stop), cpu_request /
 * 100 cores, mem_size as memory, group = app_du.
 */
import { basename } from "node:path";
import { csvRows, num } from "./csv-table.ts";
import {
  type ImportedGroup,
  type ImportedType,
  ImportLedger,
  type ImportOptions,
  type ImportResult,
  taskRow,
} from "./import-result.ts";

export const ALIBABA_REFERENCE_MEMORY = 262144;

const hasHeader = (first: string | undefined, name: string) => first === name;

export function importAlibaba2018(files: string[], options: ImportOptions): ImportResult {
  const refMemory = options.referenceMemory ?? ALIBABA_REFERENCE_MEMORY;
  const ledger = new ImportLedger(options);
  const kind = (f: string) => /machine_meta|batch_task|container_meta/.exec(basename(f))?.[0];
  const unknown = files.filter((f) => kind(f) === undefined);
  if (unknown.length > 0)
    throw new Error(
      `alibaba-2018: cannot tell the table of ${unknown.join(", ")} (name files machine_meta*, batch_task*, container_meta*)`,
    );
  const machines = files.filter((f) => kind(f) === "machine_meta");
  const batch = files.filter((f) => kind(f) === "batch_task");
  const containers = files.filter((f) => kind(f) === "container_meta");
  if (batch.length + containers.length === 0)
    throw new Error("alibaba-2018: give batch_task and/or container_meta (with machine_meta)");
  const fleet = readMachines(machines, refMemory, ledger);
  for (const f of batch) readBatch(f, refMemory, ledger);
  for (const f of containers) readContainers(f, refMemory, ledger);
  return ledger.result({
    format: "alibaba-2018",
    ...fleet,
    notes: [
      `Memory normalized to 100 was scaled by a reference machine of ${refMemory} MiB (--ref-memory).`,
      "Batch task instances run the task's whole span; containers run past the replay.",
      machines.length === 0 ? "No machine_meta was given: the cluster is empty, add instances." : "",
    ].filter(Boolean),
  });
}

function readMachines(files: string[], refMemory: number, ledger: ImportLedger) {
  const { stats } = ledger;
  const last = new Map<string, { cpu: number; mem: number; fd: string }>();
  for (const file of files) {
    for (const { fields, where } of csvRows(file)) {
      if (hasHeader(fields[0], "machine_id")) continue;
      stats.rowsRead++;
      ledger.count(`machine ${fields[6] || "(no status)"}`);
      const cpu = num(fields[4]);
      const mem = num(fields[5]);
      if (!(cpu > 0) || !(mem > 0)) {
        stats.skip("machine without cpu_num or mem_size", where);
        continue;
      }
      last.set(fields[0]!, { cpu, mem, fd: fields[2] || "none" });
    }
  }
  const byKey = new Map<string, number>();
  for (const m of last.values()) {
    const key = `${m.cpu}/${m.mem}/${m.fd}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  const types = new Map<string, ImportedType>();
  const groups: ImportedGroup[] = [];
  for (const [key, count] of [...byKey].sort()) {
    const [cpu, mem, fd] = key.split("/") as [string, string, string];
    const name = `alibaba-${cpu}c-${mem}m`;
    if (!types.has(name))
      types.set(name, { name, cpu: Number(cpu) * 1024, memory: Math.round((Number(mem) * refMemory) / 100) });
    groups.push({ type: name, count, zone: `fd-${fd}` });
  }
  return { types: [...types.values()], groups };
}

function readBatch(file: string, refMemory: number, ledger: ImportLedger): void {
  const { stats } = ledger;
  for (const { fields, where } of csvRows(file)) {
    if (hasHeader(fields[0], "task_name")) continue;
    stats.rowsRead++;
    const [name, instances, job, type, status, startRaw, endRaw, cpuRaw, memRaw] = fields;
    ledger.count(`batch_task ${status || "(no status)"}`);
    if (status !== "Terminated") {
      stats.skip(`batch_task status ${status || "(none)"} (no end time)`, where);
      continue;
    }
    const count = num(instances);
    const start = num(startRaw);
    const end = num(endRaw);
    const cpu = num(cpuRaw);
    const mem = num(memRaw);
    if (!(count >= 1) || !Number.isInteger(count)) {
      stats.skip("bad instance_num", where);
      continue;
    }
    if (!(start >= 0) || !(end >= start)) {
      stats.skip("bad start_time or end_time", where);
      continue;
    }
    if (!(cpu >= 0) || !(mem >= 0)) {
      stats.skip("missing plan_cpu or plan_mem", where);
      continue;
    }
    ledger.add(
      taskRow({
        submit: start,
        duration: end - start,
        cpu: Math.round((cpu * 1024) / 100),
        memory: Math.round((mem * refMemory) / 100),
        family: `batch-type-${type || "x"}`,
        group: job || `task-${name}`,
        count,
      }),
      where,
    );
  }
}

function readContainers(file: string, refMemory: number, ledger: ImportLedger): void {
  const { stats } = ledger;
  const seen = new Set<string>();
  for (const { fields, where } of csvRows(file)) {
    if (hasHeader(fields[0], "container_id")) continue;
    stats.rowsRead++;
    const [id, , tsRaw, app, status, cpuRaw, , memRaw] = fields;
    ledger.count(`container ${status || "(no status)"}`);
    if (seen.has(id!)) {
      stats.adjust("later record of a container (first kept)", where);
      continue;
    }
    const ts = num(tsRaw);
    const cpu = num(cpuRaw);
    const mem = num(memRaw);
    if (!(ts >= 0) || !(cpu >= 0) || !(mem >= 0)) {
      stats.skip("container with bad time_stamp, cpu_request or mem_size", where);
      continue;
    }
    seen.add(id!);
    ledger.add(
      taskRow({
        submit: ts,
        duration: Number.POSITIVE_INFINITY,
        cpu: Math.round((cpu * 1024) / 100),
        memory: Math.round((mem * refMemory) / 100),
        family: "container",
        group: app || "app-unknown",
      }),
      where,
    );
  }
}
