/**
 * google-2011 (clusterdata-2011-2): task_events shards, gzip CSV without header, and optionally
 * machine_events. Columns of task_events: timestamp (us), missing info, job ID, task index, machine ID,
 * event type, user, scheduling class, priority, CPU request, memory request, disk request, different-machines
 * restriction. Requests are normalized to the largest machine (1.0).
 *
 * A task (job ID, task index) lives SUBMIT(0) -> SCHEDULE(1) -> EVICT(2) | FAIL(3) | FINISH(4) | KILL(5) |
 * LOST(6), and may be resubmitted after any end. Each SCHEDULE that ends becomes one berth task:
 *   submit   = the SUBMIT time before it (the SCHEDULE time when the file never saw that SUBMIT: the task
 *              was alive when the file starts), on the trace clock in seconds;
 *   duration = end - SCHEDULE (the trace's pending time is left to the simulated scheduler); a task still
 *              running when the files end runs past the replay (no end);
 *   cpu      = CPU request x reference CPU units (default 32768 = 32 vCPU; --ref-cpu);
 *   memory   = memory request x reference MiB (default 131072 = 128 GiB; --ref-memory);
 *   group    = job-ID; the different-machines flag -> distinctInstance (the job's tasks on distinct instances);
 *   UPDATE_PENDING(7) / UPDATE_RUNNING(8) change the request used from then on.
 * Ends of tasks the files never saw scheduled, ends before a SCHEDULE (killed while pending) and
 * timestamps after the window (2^63-1) are skipped by reason. With machine_events, every machine ADDed
 * becomes an instance at its last known size (REMOVE/UPDATE are counted, the fleet stays fixed); without,
 * --machines reference machines (default: sized to the peak concurrent demand / 0.85).
 */
import type { TraceRow } from "../trace/trace-row.ts";
import { csvRows, num } from "./csv-table.ts";
import {
  type ImportedGroup,
  type ImportedType,
  ImportLedger,
  type ImportOptions,
  type ImportResult,
  machinesForPeak,
  taskRow,
} from "./import-result.ts";

export const GOOGLE_REFERENCE = { cpu: 32768, memory: 131072 };
export const EVENT_NAMES = [
  "SUBMIT",
  "SCHEDULE",
  "EVICT",
  "FAIL",
  "FINISH",
  "KILL",
  "LOST",
  "UPDATE_PENDING",
  "UPDATE_RUNNING",
];
/** Timestamp meaning "after the end of the trace window". */
const AFTER_WINDOW = 2 ** 63 - 1;

interface TaskState {
  submit: number;
  submitWhere: string;
  scheduled: number;
  cpu: number;
  memory: number;
  distinct: boolean;
}

export function importGoogle2011(files: string[], options: ImportOptions): ImportResult {
  const refCpu = options.referenceCpu ?? GOOGLE_REFERENCE.cpu;
  const refMemory = options.referenceMemory ?? GOOGLE_REFERENCE.memory;
  const ledger = new ImportLedger(options);
  const { stats } = ledger;
  const live = new Map<string, TaskState>();
  const machineFiles = files.filter((f) => /machine_events/.test(f));
  const taskFiles = files.filter((f) => !machineFiles.includes(f));
  const onBad = (w: string) => {
    stats.rowsRead++;
    stats.skip("unbalanced quotes", w);
  };
  const emit = (key: string, s: TaskState, end: number, where: string) => {
    const job = key.slice(0, key.indexOf(":"));
    ledger.add(
      taskRow({
        submit: s.submit,
        duration: end - s.scheduled,
        cpu: Math.round(s.cpu * refCpu),
        memory: Math.round(s.memory * refMemory),
        family: "google",
        group: `job-${job}`,
        distinctInstance: s.distinct,
      }),
      where,
    );
  };

  for (const file of taskFiles) {
    for (const { fields, where } of csvRows(file, { onBad })) {
      stats.rowsRead++;
      if (fields.length < 13) {
        stats.skip("fewer than 13 columns", where);
        continue;
      }
      const ts = num(fields[0]);
      const type = num(fields[5]);
      if (!Number.isInteger(type) || type < 0 || type > 8) {
        stats.skip("unknown event type", where);
        continue;
      }
      ledger.count(EVENT_NAMES[type]!);
      if (!(ts >= 0)) {
        stats.skip("bad timestamp", where);
        continue;
      }
      if (ts >= AFTER_WINDOW) {
        stats.skip("timestamp after the trace window", where);
        continue;
      }
      const t = ts / 1e6;
      const key = `${fields[2]}:${fields[3]}`;
      const cpu = num(fields[9]);
      const memory = num(fields[10]);
      const distinct = fields[12] === "1";
      let s = live.get(key);
      switch (type) {
        case 0: {
          if (s && s.scheduled >= 0) {
            stats.adjust("SUBMIT while running (previous run ended here)", where);
            emit(key, s, t, where);
          } else if (s) {
            stats.adjust("SUBMIT while pending (first kept)", where);
            break;
          }
          s = { submit: t, submitWhere: where, scheduled: -1, cpu: 0, memory: 0, distinct };
          live.set(key, s);
          break;
        }
        case 1: {
          if (!s) {
            stats.adjust("SCHEDULE without SUBMIT (alive when the file starts)", where);
            s = { submit: t, submitWhere: where, scheduled: -1, cpu: 0, memory: 0, distinct };
            live.set(key, s);
          } else if (s.scheduled >= 0) {
            stats.skip("SCHEDULE while running", where);
            break;
          }
          s.scheduled = t;
          break;
        }
        case 7:
        case 8:
          if (!s) {
            stats.skip("UPDATE of a task the file never saw start", where);
            continue;
          }
          break;
        default: {
          if (!s) {
            stats.skip("end of a task the file never saw start", where);
            continue;
          }
          live.delete(key);
          if (s.scheduled < 0) stats.skip("ended before it was scheduled", where);
          else emit(key, s, t, where);
          continue;
        }
      }
      if (s) {
        if (!Number.isNaN(cpu)) s.cpu = cpu;
        if (!Number.isNaN(memory)) s.memory = memory;
        if (fields[12] !== "") s.distinct = distinct;
      }
    }
  }
  for (const [key, s] of live) {
    if (s.scheduled >= 0) {
      stats.adjust("still running when the files end (runs past the replay)", s.submitWhere);
      emit(key, s, Number.POSITIVE_INFINITY, s.submitWhere);
    } else stats.adjust("still pending when the files end (not replayed)", s.submitWhere);
  }
  const { types, groups, notes } =
    machineFiles.length > 0
      ? readMachines(machineFiles, refCpu, refMemory, ledger)
      : referenceFleet(ledger.sorted(), refCpu, refMemory, options.machines);
  return ledger.result({
    format: "google-2011",
    types,
    groups,
    notes: [
      `Requests normalized to the largest machine were scaled by a reference machine of ${refCpu} CPU units and ${refMemory} MiB (--ref-cpu, --ref-memory).`,
      ...notes,
    ],
  });
}

function referenceFleet(tasks: TraceRow[], cpu: number, memory: number, machines: number | undefined) {
  const count = machines ?? machinesForPeak(tasks, cpu, memory);
  const type: ImportedType = { name: "google-reference", cpu, memory };
  return {
    types: [type],
    groups: [{ type: type.name, count }] as ImportedGroup[],
    notes: [
      machines !== undefined
        ? `No machine_events: ${count} reference machines (--machines).`
        : `No machine_events: ${count} reference machines, the peak concurrent demand / 0.85 (--machines to choose).`,
    ],
  };
}

function readMachines(files: string[], refCpu: number, refMemory: number, ledger: ImportLedger) {
  const { stats } = ledger;
  const size = new Map<string, { cpu: number; memory: number }>();
  const names = ["ADD", "REMOVE", "UPDATE"];
  for (const file of files) {
    for (const { fields, where } of csvRows(file)) {
      stats.rowsRead++;
      const type = num(fields[2]);
      if (!(type >= 0 && type <= 2)) {
        stats.skip("unknown machine event type", where);
        continue;
      }
      ledger.count(`machine ${names[type]}`);
      const cpu = num(fields[4]);
      const memory = num(fields[5]);
      if (type === 1) continue;
      if (!(cpu > 0) || !(memory > 0)) {
        stats.skip("machine without CPU or memory", where);
        continue;
      }
      size.set(fields[1]!, { cpu, memory });
    }
  }
  const byType = new Map<string, number>();
  for (const m of size.values()) {
    const key = `${m.cpu}/${m.memory}`;
    byType.set(key, (byType.get(key) ?? 0) + 1);
  }
  const types: ImportedType[] = [];
  const groups: ImportedGroup[] = [];
  for (const [key, count] of [...byType].sort()) {
    const [c, m] = key.split("/").map(Number) as [number, number];
    const name = `google-${c}cpu-${m}mem`;
    types.push({ name, cpu: Math.round(c * refCpu), memory: Math.round(m * refMemory) });
    groups.push({ type: name, count });
  }
  return {
    types,
    groups,
    notes: [
      `${size.size} machines from machine_events (fleet fixed: removals and updates are not replayed).`,
    ],
  };
}
