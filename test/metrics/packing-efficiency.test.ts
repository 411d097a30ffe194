import { describe, expect, it } from "vitest";
import { PackingBound, packingEfficiency } from "../../src/metrics/packing-efficiency.ts";
import { clusterOf, instanceType, shape } from "../helpers/cluster.ts";

describe("PackingBound", () => {
  it("takes the binding resource: memory-heavy tasks are bounded by memory, not cpu", () => {
    const box = instanceType(4096, 4096);
    const { cluster, shapes } = clusterOf([box, box, box, box], [shape(256, 3000)]);
    // Four tasks of 3000 MiB: cpu says 1 instance, memory L2 says 4 (no two fit together).
    expect(new PackingBound(cluster, shapes).lowerBound([4])).toBe(4);
  });

  it("in a mixed cluster needs at least the largest instances that cover the demand", () => {
    const big = instanceType(1024, 16384);
    const small = instanceType(1024, 2048);
    const { cluster, shapes } = clusterOf([big, small, small, small], [shape(0, 100)]);
    const bound = new PackingBound(cluster, shapes);
    // n tasks of 100 MiB: the big instance holds 16384, big + small 18432, big + 2 small 20480.
    expect(bound.lowerBound([160])).toBe(1);
    expect(bound.lowerBound([170])).toBe(2);
    // 19000 MiB: L2 with 16384-MiB bins says 2, but the largest two instances hold only 18432.
    expect(bound.lowerBound([190])).toBe(3);
  });

  it("counts tasks sharing a static host port as needing one instance each", () => {
    const box = instanceType(4096, 8192);
    const { cluster, shapes } = clusterOf([box, box, box], [shape(128, 128, { staticPorts: ["443/tcp"] })]);
    expect(new PackingBound(cluster, shapes).lowerBound([3])).toBe(3);
  });

  it("is 0 with nothing running, and the efficiency is then undefined", () => {
    const box = instanceType(1024, 1024);
    const { cluster, shapes } = clusterOf([box], [shape(1, 1)]);
    expect(new PackingBound(cluster, shapes).lowerBound([0])).toBe(0);
    expect(packingEfficiency(0, 0)).toBeNull();
    expect(packingEfficiency(3, 2)).toBe(1.5);
  });
});
