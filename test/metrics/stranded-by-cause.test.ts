import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  STRANDED_FIELDS,
  StrandedTracker,
  sampleStranded,
  strandedCapacity,
} from "../../src/metrics/stranded-by-cause.ts";
import { InstanceStatus } from "../../src/model/cluster.ts";
import { clusterOf, instanceType, shape } from "../helpers/cluster.ts";

describe("strandedCapacity", () => {
  const type = instanceType(1024, 2048);

  it("counts free capacity only on instances where no shape fits, attributed to the binding resource", () => {
    const { cluster, shapes } = clusterOf([type, type, type], [shape(512, 600), shape(256, 1536)]);
    const [a, b] = shapes as [(typeof shapes)[0], (typeof shapes)[0]];
    // Instance 0: two A tasks -> cpu 0 free, memory 848 free: both shapes fail on cpu.
    cluster.reserve(a, 0);
    cluster.reserve(a, 0);
    // Instance 1: one B task -> cpu 768 free, memory 512 free: both shapes fail on memory.
    cluster.reserve(b, 1);
    // Instance 2 is empty: everything fits, nothing stranded.
    const s = strandedCapacity(cluster, shapes);
    expect(s.cpu).toBeCloseTo(768 / 3072, 12);
    expect(s.memory).toBeCloseTo((848 + 512) / 6144, 12);
    expect(s.byCause.cpu).toEqual({ instances: 1, cpu: 0, memory: 848 / 6144 });
    expect(s.byCause.memory).toEqual({ instances: 1, cpu: 768 / 3072, memory: 512 / 6144 });
    expect(s.byCause.ports.instances + s.byCause.gpu.instances + s.byCause.eni.instances).toBe(0);
    // No shape asks for GPUs or ENIs, so none of those count as stranded.
    expect(s.gpu).toBe(0);
    expect(s.eni).toBe(0);
  });

  it("names the check that rejects the most shapes, ties going to the earlier check (cpu before memory)", () => {
    const tie = clusterOf([type], [shape(512, 100), shape(100, 1900)]);
    tie.cluster.reserve(tie.shapes[1]!, 0);
    tie.cluster.reserve(tie.shapes[0]!, 0); // free cpu 412, memory 48: A fails on cpu, B on memory
    expect(strandedCapacity(tie.cluster, tie.shapes).byCause.cpu.instances).toBe(1);
    const more = clusterOf([type], [shape(512, 100), shape(100, 1900), shape(100, 1000)]);
    more.cluster.reserve(more.shapes[1]!, 0);
    more.cluster.reserve(more.shapes[0]!, 0); // same state; now two shapes fail on memory, one on cpu
    const s = strandedCapacity(more.cluster, more.shapes);
    expect(s.byCause.memory).toEqual({ instances: 1, cpu: 412 / 1024, memory: 48 / 2048 });
    expect(s.byCause.cpu.instances).toBe(0);
  });

  it("attributes to host ports when a static port is what blocks", () => {
    const web = shape(256, 256, { staticPorts: ["80/tcp"] });
    const { cluster, shapes } = clusterOf([type, type], [web]);
    cluster.reserve(shapes[0]!, 0);
    const s = strandedCapacity(cluster, shapes);
    expect(s.byCause.ports).toEqual({ instances: 1, cpu: (1024 - 256) / 2048, memory: (2048 - 256) / 4096 });
    expect(s.cpu).toBeCloseTo(768 / 2048, 12);
  });

  it("attributes to ENIs for awsvpc shapes once the instance's task ENIs are used up", () => {
    const vpc = shape(128, 128, { networkMode: "awsvpc", eni: 1 });
    const { cluster, shapes } = clusterOf([type], [vpc]);
    cluster.reserve(shapes[0]!, 0);
    cluster.reserve(shapes[0]!, 0); // 3 ENIs, the primary one is not for tasks: 2 tasks at most
    const s = strandedCapacity(cluster, shapes);
    expect(s.byCause.eni.instances).toBe(1);
    expect(s.cpu).toBeCloseTo((1024 - 256) / 1024, 12);
    expect(s.eni).toBe(0);
  });
});

describe("StrandedTracker", () => {
  it("samples exactly what a full pass samples, after any reserves, releases, status changes and new instances", () => {
    const types = [
      instanceType(1024, 2048),
      instanceType(2048, 1024),
      instanceType(4096, 8192, { gpu: 2, enis: 3 }),
    ];
    const shapes = [
      shape(512, 600),
      shape(256, 1536),
      shape(128, 128, { networkMode: "awsvpc", eni: 1 }),
      shape(256, 256, { staticPorts: ["80/tcp"] }),
      shape(512, 512, { gpu: 1 }),
      shape(256, 256, { gpuMilli: 400 }),
    ];
    const statuses = [
      InstanceStatus.Active,
      InstanceStatus.Draining,
      InstanceStatus.Gone,
      InstanceStatus.Active,
    ];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 0, maxLength: 6 }),
        fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(), fc.nat()), { maxLength: 200 }),
        (initial, used, ops) => {
          const { cluster, shapes: all } = clusterOf(
            initial.map((t) => types[t]!),
            shapes,
          );
          const mix = used.map((k) => all[k]!);
          // Built after some instances exist; more register later (as autoscaling adds them).
          const tracker = new StrandedTracker(cluster, mix);
          const running: { s: number; i: number; slot: number }[] = [];
          const fast = new Float64Array(STRANDED_FIELDS);
          const full = new Float64Array(STRANDED_FIELDS);
          for (const [op, a, b] of ops) {
            if (op === 0) cluster.addInstance(types[a % 3]!, a % 3, "us-east-1a", {}, 0);
            else if (op === 1 && cluster.count > 0) cluster.setStatus(a % cluster.count, statuses[b % 4]!);
            else if (op === 2 && running.length > 0) {
              const t = running.splice(a % running.length, 1)[0]!;
              cluster.release(all[t.s]!, t.i, t.slot);
            } else if (op >= 3 && cluster.count > 0) {
              // First fit from a random instance: instances fill up, so all stranding causes occur.
              const s = b % all.length;
              for (let k = 0; k < cluster.count; k++) {
                const i = (a + k) % cluster.count;
                if (cluster.misfit(all[s]!, i) !== 0) continue;
                running.push({ s, i, slot: cluster.reserve(all[s]!, i) });
                break;
              }
            }
            if ((a + b) % 4 === 0) {
              tracker.sample(fast);
              sampleStranded(cluster, mix, full);
              expect(fast).toEqual(full);
            }
          }
          tracker.sample(fast);
          sampleStranded(cluster, mix, full);
          expect(fast).toEqual(full);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("follows an instance stranding for the same cause while its free GPUs and its last cpu and memory change", () => {
    const box = instanceType(1024, 2048, { gpu: 2 });
    const { cluster, shapes: all } = clusterOf(
      [box, box],
      [shape(256, 4096), shape(2048, 128, { gpu: 1 }), shape(0, 0, { gpu: 1 }), shape(1024, 2048)],
    );
    // The workload's shapes never fit (memory, cpu: a tie, so cause cpu); the other two only take capacity.
    const mix = [all[0]!, all[1]!];
    const tracker = new StrandedTracker(cluster, mix);
    const fast = new Float64Array(STRANDED_FIELDS);
    const full = new Float64Array(STRANDED_FIELDS);
    const check = () => {
      tracker.sample(fast);
      sampleStranded(cluster, mix, full);
      expect(fast).toEqual(full);
    };
    check();
    const gpuSlot = cluster.reserve(all[2]!, 0);
    check();
    expect(full[2]).toBe(3 / 4);
    const fill = cluster.reserve(all[3]!, 1);
    check();
    // Instance 1 has no cpu or memory left: it no longer counts among the stranding instances.
    expect(full[4]).toBe(1);
    cluster.release(all[3]!, 1, fill);
    cluster.release(all[2]!, 0, gpuSlot);
    check();
    expect(full[4]).toBe(2);
  });
});
