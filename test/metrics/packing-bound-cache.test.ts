/**
 * PackingBound keeps each resource's scan of the ACTIVE instances' registered capacities until the cluster's
 * statusVersion moves (a launch or a status change). Differential property test: one long-lived bound,
 * sampled between random launches, status changes (draining, gone, back to active, launching), placements
 * and releases, must give at every sample what a bound built afresh for that sample gives (it has no cache).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PackingBound } from "../../src/metrics/packing-efficiency.ts";
import { Cluster, InstanceStatus } from "../../src/model/cluster.ts";
import { instanceType, shape } from "../helpers/cluster.ts";

/** Mixed sizes and equal ones, a GPU type and an ENI-rich one, so every resource and the mixed path run. */
const TYPES = [
  instanceType(2048, 8192),
  instanceType(2048, 8192),
  instanceType(4096, 16384),
  instanceType(1024, 2048, { gpu: 2 }),
  instanceType(8192, 4096, { enis: 6 }),
];
const SHAPES = [
  shape(256, 512),
  shape(1024, 3000),
  shape(0, 2048, { gpu: 1 }),
  shape(512, 256, { eni: 1, networkMode: "awsvpc" }),
  shape(128, 128, { staticPorts: ["443/tcp"] }),
];
const STATUSES = [
  InstanceStatus.Active,
  InstanceStatus.Draining,
  InstanceStatus.Gone,
  InstanceStatus.Launching,
  InstanceStatus.Active,
];

type Op =
  | { kind: "launch"; type: number }
  | { kind: "status"; instance: number; status: number }
  | { kind: "place"; instance: number; shape: number }
  | { kind: "sample"; running: number[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("launch" as const), type: fc.nat(TYPES.length - 1) }),
  fc.record({
    kind: fc.constant("status" as const),
    instance: fc.nat(200),
    status: fc.nat(STATUSES.length - 1),
  }),
  fc.record({ kind: fc.constant("place" as const), instance: fc.nat(200), shape: fc.nat(SHAPES.length - 1) }),
  fc.record({
    kind: fc.constant("sample" as const),
    running: fc.array(fc.oneof(fc.constant(0), fc.nat(30), fc.nat(30), fc.nat(5000)), {
      minLength: SHAPES.length,
      maxLength: SHAPES.length,
    }),
  }),
);

/** Runs the operations, checking the cached bound against a fresh one at each sample; returns samples taken. */
function drive(ops: Op[], initial: number): number {
  const cluster = new Cluster(new Set(SHAPES.flatMap((s) => s.staticPorts)));
  const shapes = SHAPES.map((s, k) => cluster.resolveShape(s, k));
  const launch = (t: number) => cluster.addInstance(TYPES[t]!, t, "us-east-1a", {}, 0);
  for (let k = 0; k < initial; k++) launch(k % TYPES.length);
  const cached = new PackingBound(cluster, shapes);
  let samples = 0;
  for (const o of ops) {
    if (o.kind === "launch") launch(o.type);
    else if (o.kind === "status" && cluster.count > 0)
      cluster.setStatus(o.instance % cluster.count, STATUSES[o.status]!);
    else if (o.kind === "place" && cluster.count > 0) {
      const i = o.instance % cluster.count;
      const s = shapes[o.shape]!;
      if (cluster.misfit(s, i) === 0) cluster.reserve(s, i);
    } else if (o.kind === "sample") {
      samples++;
      expect(cached.lowerBound(o.running)).toBe(new PackingBound(cluster, shapes).lowerBound(o.running));
    }
  }
  return samples;
}

describe("PackingBound's cached capacities", () => {
  it("give the uncached bound across launches, status changes, placements and growth", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.nat(12), (ops, initial) => {
        drive(ops, initial);
      }),
      { numRuns: 300 },
    );
  });

  it("follows a fixed sequence: a launch past the first capacity, the largest draining, everyone gone", () => {
    const s = (running: number[]): Op => ({ kind: "sample", running });
    const ops: Op[] = [
      s([10, 4, 1, 2, 3]),
      ...Array.from({ length: 20 }, (): Op => ({ kind: "launch", type: 2 })),
      s([10, 40, 1, 2, 3]),
      // Instance 2 is the first 4096/16384 box; with all big boxes draining, the largest capacity falls.
      ...Array.from({ length: 25 }, (_, k): Op => ({ kind: "status", instance: k, status: 1 })),
      s([10, 40, 1, 2, 3]),
      ...Array.from({ length: 25 }, (_, k): Op => ({ kind: "status", instance: k, status: 2 })),
      s([10, 40, 1, 2, 3]),
      { kind: "status", instance: 3, status: 0 },
      s([0, 0, 1, 0, 0]),
      s([3000, 0, 0, 0, 0]),
    ];
    expect(drive(ops, 5)).toBe(6);
  });
});
