import { describe, expect, it } from "vitest";
import { strandedCapacity } from "../../src/metrics/stranded-by-cause.ts";
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
