/**
 * alibaba-gpu-2023 ("openb", the trace of the ATC'23 paper on GPU-sharing fragmentation):
 *   node list: sn, cpu_milli, memory_mib, gpu, model
 *   pod list:  name, cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, qos, pod_phase, creation_time,
 *              deletion_time, scheduled_time (seconds)
 * Mapping: a node -> an instance of an inline type per distinct (cpu, memory, GPUs, model), CPU units =
 * cpu_milli x 1024 / 1000, memory MiB as is, GPUs whole, the model as attribute `gpu-model`. A pod -> a
 * task submitted at creation_time running until deletion_time; cpu and memory as for nodes; num_gpu whole
 * GPUs when gpu_milli is 1000, else (num_gpu 1, gpu_milli < 1000) a SHARE of one GPU (`gpuMilli`, beyond
 * ECS); gpu_spec (models the pod accepts, "A|B") -> memberOf attribute:gpu-model in [A, B]; group qos.
 * The files are told apart by their header.
 */
import { csvRows, firstLine, num } from "./csv-table.ts";
import {
  type ImportedGroup,
  type ImportedType,
  ImportLedger,
  type ImportOptions,
  type ImportResult,
  taskRow,
} from "./import-result.ts";

const NODE_HEADER = /^sn,cpu_milli,memory_mib,gpu,model/;
const POD_HEADER = /^name,cpu_milli,memory_mib,num_gpu,gpu_milli/;

export const milliToUnits = (milli: number): number => Math.round((milli * 1024) / 1000);

export function importAlibabaGpu2023(files: string[], options: ImportOptions): ImportResult {
  const ledger = new ImportLedger(options);
  const nodeFiles = files.filter((f) => NODE_HEADER.test(firstLine(f)));
  const podFiles = files.filter((f) => POD_HEADER.test(firstLine(f)));
  const unknown = files.filter((f) => !nodeFiles.includes(f) && !podFiles.includes(f));
  if (unknown.length > 0)
    throw new Error(`alibaba-gpu-2023: not a node or pod list (by its header): ${unknown.join(", ")}`);
  if (podFiles.length === 0) throw new Error("alibaba-gpu-2023: give a pod list (openb_pod_list_*.csv)");
  const { types, groups } = readNodes(nodeFiles, ledger);
  for (const file of podFiles) readPods(file, ledger);
  return ledger.result({
    format: "alibaba-gpu-2023",
    types,
    groups,
    notes: [
      "Pods replay from creation to deletion time; a pod with gpu_milli < 1000 takes a share of one GPU (gpuMilli, modelled beyond ECS, which does not share GPUs).",
      nodeFiles.length === 0 ? "No node list was given: the cluster is empty, add instances." : "",
    ].filter(Boolean),
  });
}

function readNodes(files: string[], ledger: ImportLedger) {
  const { stats } = ledger;
  const byType = new Map<string, { type: ImportedType; count: number }>();
  for (const file of files) {
    for (const { fields, where } of csvRows(file, {
      header: true,
      onBad: (w) => stats.skip("unbalanced quotes", w),
    })) {
      stats.rowsRead++;
      const cpu = num(fields[1]);
      const memory = num(fields[2]);
      const gpu = fields[3] === undefined || fields[3] === "" ? 0 : num(fields[3]);
      if (!(cpu > 0) || !(memory > 0) || !(gpu >= 0)) {
        stats.skip("node with bad cpu, memory or gpu", where);
        continue;
      }
      ledger.count("node");
      const model = (fields[4] ?? "").trim();
      const name = `openb-${cpu / 1000}c-${Math.round(memory / 1024)}g${gpu > 0 ? `-${gpu}x${model || "gpu"}` : ""}`;
      let entry = byType.get(name);
      if (!entry) {
        entry = {
          type: {
            name,
            cpu: milliToUnits(cpu),
            memory,
            ...(gpu > 0 ? { gpu } : {}),
            ...(model ? { attributes: { "gpu-model": model } } : {}),
          },
          count: 0,
        };
        byType.set(name, entry);
      }
      entry.count++;
    }
  }
  const types = [...byType.values()].map((e) => e.type);
  const groups: ImportedGroup[] = [...byType.values()].map((e) => ({
    type: e.type.name,
    count: e.count,
    ...(e.type.attributes ? { attributes: e.type.attributes } : {}),
  }));
  return { types, groups };
}

function readPods(file: string, ledger: ImportLedger): void {
  const { stats } = ledger;
  for (const { fields, where } of csvRows(file, {
    header: true,
    onBad: (w) => stats.skip("unbalanced quotes", w),
  })) {
    stats.rowsRead++;
    const [, cpuRaw, memRaw, gpuRaw, milliRaw, spec, qos, phase, createdRaw, deletedRaw] = fields;
    ledger.count(`pod ${phase || "(no phase)"}`);
    const cpu = num(cpuRaw);
    const memory = num(memRaw);
    const numGpu = gpuRaw === "" ? 0 : num(gpuRaw);
    const milli = milliRaw === "" ? 0 : num(milliRaw);
    const created = num(createdRaw);
    const deleted = num(deletedRaw);
    if (!(cpu >= 0) || !(memory >= 0)) {
      stats.skip("pod with bad cpu or memory", where);
      continue;
    }
    if (!(numGpu >= 0) || !(milli >= 0) || milli > 1000 || (milli > 0 && milli < 1000 && numGpu !== 1)) {
      stats.skip("pod with bad num_gpu or gpu_milli", where);
      continue;
    }
    if (!(created >= 0)) {
      stats.skip("pod without creation_time", where);
      continue;
    }
    if (!Number.isNaN(deleted) && deleted < created) {
      stats.skip("pod deleted before it was created", where);
      continue;
    }
    const share = numGpu === 1 && milli > 0 && milli < 1000;
    const models = (spec ?? "")
      .split("|")
      .map((m) => m.trim())
      .filter(Boolean);
    ledger.add(
      taskRow({
        submit: created,
        duration: Number.isNaN(deleted) ? Number.POSITIVE_INFINITY : deleted - created,
        cpu: milliToUnits(cpu),
        memory: Math.round(memory),
        gpu: share ? 0 : numGpu,
        gpuMilli: share ? milli : 0,
        family: "openb",
        group: `qos:${qos || "none"}`,
        memberOf: models.length > 0 ? `attribute:gpu-model in [${models.join(", ")}]` : "",
      }),
      where,
    );
  }
}
