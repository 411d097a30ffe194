/** Hand-computed slices of each import format give exactly these tasks, and every row is accounted for. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { importAlibaba2018 } from "../../src/import/alibaba-2018.ts";
import { importAlibabaGpu2023 } from "../../src/import/alibaba-gpu-2023.ts";
import { importEcs } from "../../src/import/ecs.ts";
import { importGoogle2011 } from "../../src/import/google-2011.ts";
import type { ImportResult } from "../../src/import/import-result.ts";

const dir = mkdtempSync(join(tmpdir(), "berth-import-"));
function file(name: string, text: string, gzip = false): string {
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

/** The fields a test compares, in submit order. */
const brief = (r: ImportResult) =>
  r.tasks.map((t) => ({
    submit: t.submit,
    duration: t.duration,
    cpu: t.cpu,
    memory: t.memory,
    ...(t.gpu ? { gpu: t.gpu } : {}),
    ...(t.gpuMilli ? { gpuMilli: t.gpuMilli } : {}),
    ...(t.count !== 1 ? { count: t.count } : {}),
    ...(t.ports.length ? { ports: t.ports } : {}),
    ...(t.distinctInstance ? { distinctInstance: true } : {}),
    ...(t.memberOf ? { memberOf: t.memberOf } : {}),
    group: t.group,
  }));

/** rows read = rows used + rows skipped, where used rows are the rest. */
function skipped(r: ImportResult): Record<string, number> {
  return Object.fromEntries([...r.stats.skipped].map(([k, v]) => [k, v.count]));
}

describe("google-2011", () => {
  const us = (s: number) => String(s * 1e6);
  const row = (t: string, job: number, index: number, type: number, cpu = "", mem = "", distinct = "") =>
    [t, "", job, index, "", type, "user", 0, 2, cpu, mem, "", distinct].join(",");
  const text = [
    row(us(650), 1, 1, 1, "0.25", "0.5"), // alive when the file starts
    row(us(700), 1, 0, 0, "0.5", "0.25", "1"),
    row(us(710), 1, 0, 1, "0.5", "0.25", "1"),
    row(us(720), 2, 0, 0, "0.1", "0.1"),
    row(us(730), 2, 0, 5), // killed before it was scheduled
    row(us(740), 3, 0, 3), // a task this file never saw start
    "1,2,3,4,5", // too few columns
    row(us(800), 1, 0, 4),
    row(us(900), 1, 1, 2), // evicted ...
    row(us(905), 1, 1, 0, "0.25", "0.5"), // ... resubmitted
    row(us(906), 1, 1, 8, "0.375", ""), // request updated while pending
    row(us(907), 1, 1, 1),
    row(String(2 ** 63 - 1), 1, 2, 4),
  ].join("\n");
  const shard = file("task_events-part-00000-of-00500.csv.gz", `${text}\n`, true);

  it("turns each scheduled run into a task (resubmissions, tasks alive at the start, still running at the end)", () => {
    const r = importGoogle2011([shard], { machines: 3 });
    expect(brief(r)).toEqual([
      { submit: 0, duration: 250, cpu: 8192, memory: 65536, group: "job-1" },
      { submit: 50, duration: 90, cpu: 16384, memory: 32768, distinctInstance: true, group: "job-1" },
      { submit: 255, duration: Number.POSITIVE_INFINITY, cpu: 12288, memory: 65536, group: "job-1" },
    ]);
    expect(r.stats.rowsRead).toBe(13);
    expect(skipped(r)).toEqual({
      "fewer than 13 columns": 1,
      "ended before it was scheduled": 1,
      "end of a task the file never saw start": 1,
      "timestamp after the trace window": 1,
    });
    expect(r.stats.skipped.get("fewer than 13 columns")!.first).toEqual([
      "task_events-part-00000-of-00500.csv.gz:7",
    ]);
    expect(Object.fromEntries(r.events)).toEqual({
      SUBMIT: 3,
      SCHEDULE: 3,
      EVICT: 1,
      FAIL: 1,
      FINISH: 2,
      KILL: 1,
      UPDATE_RUNNING: 1,
    });
    expect(r.groups).toEqual([{ type: "google-reference", count: 3 }]);
  });

  it("windows with --from/--to on the trace clock; a task alive at --from starts at 0 with what is left", () => {
    const r = importGoogle2011([shard], { from: 750, to: 1000, machines: 1 });
    // Alive at 750: the run from 700 (submit) + 90 ends at 790, the one from 650 + 250 at 900.
    expect(brief(r).map((t) => [t.submit, t.duration])).toEqual([
      [0, 40],
      [0, 150],
      [155, Number.POSITIVE_INFINITY],
    ]);
    expect(r.stats.adjusted.get("alive at --from (replayed from the window start)")!.count).toBe(2);
  });

  it("a reference machine and machine_events size the fleet", () => {
    const machines = file(
      "machine_events-part-00000-of-00001.csv",
      "0,5,0,p1,0.5,0.5\n0,6,0,p1,0.5,0.5\n0,7,0,p2,1,1\n10,7,1,p2,,\n",
    );
    const r = importGoogle2011([shard, machines], { referenceCpu: 16384, referenceMemory: 65536 });
    expect(r.types).toEqual([
      { name: "google-0.5cpu-0.5mem", cpu: 8192, memory: 32768 },
      { name: "google-1cpu-1mem", cpu: 16384, memory: 65536 },
    ]);
    expect(r.groups.map((g) => g.count)).toEqual([2, 1]);
    expect(r.tasks[0]!.cpu).toBe(4096);
  });
});

describe("alibaba-2018", () => {
  const machineMeta = file(
    "machine_meta.csv",
    "m_1,0,10,1.0,96,100,USING\nm_1,5000,10,1.0,96,100,USING\nm_2,0,11,2.0,64,50,USING\nm_3,0,11,,,,\n",
  );
  const batch = file(
    "batch_task.csv",
    "task_name,instance_num,job_name,task_type,status,start_time,end_time,plan_cpu,plan_mem\nM1,3,j_1,1,Terminated,100,160,50,0.5\nR2,1,j_2,1,Running,120,0,100,1\nM3,2,j_3,1,Terminated,90,80,50,1\n",
  );
  const containers = file(
    "container_meta.csv",
    "c_1,m_1,50,app_9,started,400,400,1.5\nc_1,m_1,90,app_9,started,400,400,1.5\nc_2,m_2,200,app_9,started,abc,400,1\n",
  );

  it("machines by failure domain, batch tasks with instance counts, containers that run on", () => {
    const r = importAlibaba2018([machineMeta, batch, containers], {});
    expect(r.groups).toEqual([
      { type: "alibaba-64c-50m", count: 1, zone: "fd-11" },
      { type: "alibaba-96c-100m", count: 1, zone: "fd-10" },
    ]);
    expect(r.types.find((t) => t.name === "alibaba-64c-50m")).toEqual({
      name: "alibaba-64c-50m",
      cpu: 65536,
      memory: 131072,
    });
    expect(brief(r)).toEqual([
      { submit: 0, duration: Number.POSITIVE_INFINITY, cpu: 4096, memory: 3932, group: "app_9" },
      { submit: 50, duration: 60, cpu: 512, memory: 1311, count: 3, group: "j_1" },
    ]);
    expect(r.stats.rowsRead).toBe(4 + 3 + 3);
    expect(skipped(r)).toEqual({
      "machine without cpu_num or mem_size": 1,
      "batch_task status Running (no end time)": 1,
      "bad start_time or end_time": 1,
      "container with bad time_stamp, cpu_request or mem_size": 1,
    });
  });

  it("--sample keeps instances of a task row deterministically", () => {
    const a = importAlibaba2018([batch], { sample: 0.5, seed: 3 });
    const b = importAlibaba2018([batch], { sample: 0.5, seed: 3 });
    expect(brief(a)).toEqual(brief(b));
    expect(a.tasks.reduce((n, t) => n + t.count, 0)).toBeLessThanOrEqual(3);
  });
});

describe("alibaba-gpu-2023 (openb)", () => {
  const nodes = file(
    "openb_node_list_all_node.csv",
    "sn,cpu_milli,memory_mib,gpu,model\nn0,32000,262144,0,\nn1,96000,786432,8,V100M32\nn2,96000,786432,8,V100M32\nn3,-1,1,0,\n",
  );
  const pods = file(
    "openb_pod_list_default.csv",
    [
      "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time",
      "p0,12000,16384,1,1000,,LS,Running,10,110,10",
      "p1,6000,12288,1,460,V100M16|V100M32,BE,Running,20,50,20",
      "p2,8000,30517,0,0,,BE,Failed,5,,5",
      "p3,1000,1024,2,500,,LS,Running,30,40,30",
    ].join("\n"),
  );

  it("nodes by model, whole GPUs and GPU shares (gpuMilli), gpu_spec as memberOf", () => {
    const r = importAlibabaGpu2023([nodes, pods], {});
    expect(r.groups).toEqual([
      { type: "openb-32c-256g", count: 1 },
      { type: "openb-96c-768g-8xV100M32", count: 2, attributes: { "gpu-model": "V100M32" } },
    ]);
    expect(r.types[1]).toEqual({
      name: "openb-96c-768g-8xV100M32",
      cpu: 98304,
      memory: 786432,
      gpu: 8,
      attributes: { "gpu-model": "V100M32" },
    });
    expect(brief(r)).toEqual([
      { submit: 0, duration: Number.POSITIVE_INFINITY, cpu: 8192, memory: 30517, group: "qos:BE" },
      { submit: 5, duration: 100, cpu: 12288, memory: 16384, gpu: 1, group: "qos:LS" },
      {
        submit: 15,
        duration: 30,
        cpu: 6144,
        memory: 12288,
        gpuMilli: 460,
        memberOf: "attribute:gpu-model in [V100M16, V100M32]",
        group: "qos:BE",
      },
    ]);
    expect(r.stats.rowsRead).toBe(8);
    expect(skipped(r)).toEqual({
      "node with bad cpu, memory or gpu": 1,
      "pod with bad num_gpu or gpu_milli": 1,
    });
  });
});

describe("ecs", () => {
  const f = (name: string) => join(import.meta.dirname, "fixtures", "ecs", name);
  const files = [
    "container-instances.json",
    "task-definition.json",
    "tasks.json",
    "services.json",
    "task-events.ndjson",
  ].map(f);

  it("instances as registered, task shapes from the task definition, observed tasks from describe-tasks and events", () => {
    const r = importEcs(files, {});
    expect(r.types).toEqual([{ name: "m5.large-registered-2048-7680", cpu: 2048, memory: 7680 }]);
    expect(r.groups).toEqual([
      {
        type: "m5.large-registered-2048-7680",
        count: 1,
        zone: "us-east-1a",
        attributes: { team: "payments" },
      },
      {
        type: "m5.large-registered-2048-7680",
        count: 1,
        zone: "us-east-1b",
        attributes: { team: "payments" },
      },
    ]);
    expect(brief(r)).toEqual([
      {
        submit: 0,
        duration: Number.POSITIVE_INFINITY,
        cpu: 256,
        memory: 512,
        ports: ["80/tcp"],
        group: "service:web",
      },
      { submit: 0, duration: 600, cpu: 1024, memory: 2048, group: "family:report" },
      { submit: 300, duration: 3600, cpu: 256, memory: 512, ports: ["80/tcp"], group: "service:web" },
    ]);
    expect(r.observedStrategy).toEqual([
      { type: "spread", field: "attribute:ecs.availability-zone" },
      { type: "binpack", field: "memory" },
    ]);
    expect(r.taskDefinitions).toEqual([
      {
        family: "web",
        networkMode: "bridge",
        requiresCompatibilities: ["EC2"],
        containerDefinitions: [
          {
            name: "app",
            image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4",
            cpu: 256,
            memory: 1024,
            memoryReservation: 512,
            essential: true,
            portMappings: [{ containerPort: 8080, hostPort: 80, protocol: "tcp" }],
          },
        ],
      },
    ]);
    // 3 instances + 1 definition + 2 described tasks + 1 service + 6 event lines
    expect(r.stats.rowsRead).toBe(13);
    expect(skipped(r)).toEqual({
      "container instance INACTIVE": 1,
      "not JSON": 1,
      "not an ECS Task State Change event": 1,
      "task never started": 1,
    });
    expect(r.stats.adjusted.get("another record of the same task (merged)")!.count).toBe(2);
  });
});
