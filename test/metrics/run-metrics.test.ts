/** Hand-checked run metrics: utilization per resource, fragmentation-induced pending, packing, outcomes. */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/sim/simulate.ts";
import { compileObject, FIRST_FIT, taskDef } from "../helpers/scenario.ts";

function scenario(opts: {
  instances: number;
  tasks: { def: Record<string, unknown>; count: number; duration: number }[];
  horizon?: number;
  warmup?: number;
  pending?: "queue" | "fail";
  strategy?: Record<string, unknown>;
}) {
  return compileObject({
    name: "t",
    horizon: opts.horizon ?? 100,
    ...(opts.warmup !== undefined ? { warmup: opts.warmup } : {}),
    sampleEvery: 1,
    pending: opts.pending ?? "queue",
    cluster: {
      instanceTypes: { box: { cpu: 1024, memory: 4096, gpu: 1, enis: 3 } },
      instances: [{ type: "box", count: opts.instances }],
    },
    taskDefinitions: opts.tasks.map((t) => t.def),
    workload: opts.tasks.map((t) => ({
      taskDefinition: t.def.family,
      arrival: { type: "burst", at: 0, count: t.count },
      duration: { type: "constant", value: t.duration },
    })),
    strategies: [opts.strategy ?? FIRST_FIT],
  });
}

const run = (s: ReturnType<typeof scenario>) => simulate(s, s.strategies[0]!, 1).metrics;

describe("utilization per resource", () => {
  const gpuTask = taskDef("g", 512, 1024, { networkMode: "awsvpc", gpu: 1 });

  it("integrates reserved/registered for cpu, memory, gpu and ENIs, cluster-wide and over instances in use", () => {
    const m = run(scenario({ instances: 2, tasks: [{ def: gpuTask, count: 1, duration: 50 }] }));
    // One task for 50 of 100 s on one of two instances (1024 cpu, 4096 MiB, 1 GPU, 2 task ENIs each).
    expect(m.utilization).toEqual({
      cpu: (512 * 50) / (2048 * 100),
      memory: (1024 * 50) / (8192 * 100),
      gpu: (1 * 50) / (2 * 100),
      eni: (1 * 50) / (4 * 100),
      cpuInUse: 0.5,
      memoryInUse: 0.25,
      gpuInUse: 1,
      eniInUse: 0.5,
    });
    expect(m.queue.meanRunning).toBe(0.5);
  });

  it("excludes the warm-up period", () => {
    const m = run(scenario({ instances: 2, warmup: 25, tasks: [{ def: gpuTask, count: 1, duration: 50 }] }));
    expect(m.utilization.cpu).toBeCloseTo((512 * 25) / (2048 * 75), 12);
    expect(m.utilization.cpuInUse).toBe(0.5);
    expect(m.instancesInUse.mean).toBeCloseTo(25 / 75, 12);
  });
});

describe("fragmentation-induced pending", () => {
  it("counts pending time while the total free capacity would hold the task", () => {
    // Two 1024-cpu instances, three 600-cpu tasks: the third waits 40 s although 2 x 424 cpu are free.
    const m = run(
      scenario({ instances: 2, tasks: [{ def: taskDef("w", 600, 100), count: 3, duration: 40 }] }),
    );
    expect(m.fragmentation.pendingTaskSeconds).toBe(40);
    expect(m.fragmentation.inducedPendingTaskSeconds).toBe(40);
    expect(m.fragmentation.inducedPendingShare).toBe(1);
    expect(m.queue.meanPending).toBe(0.4);
    expect(m.placementDelay.max).toBe(40);
  });

  it("does not count pending time when the cluster as a whole is too full", () => {
    // 768-cpu tasks: 2 x 256 cpu free in total, less than one task needs.
    const m = run(
      scenario({ instances: 2, tasks: [{ def: taskDef("w", 768, 100), count: 3, duration: 40 }] }),
    );
    expect(m.fragmentation.pendingTaskSeconds).toBe(40);
    expect(m.fragmentation.inducedPendingTaskSeconds).toBe(0);
    expect(m.fragmentation.inducedPendingShare).toBe(0);
  });
});

describe("packing efficiency", () => {
  const small = { def: taskDef("s", 300, 100), count: 3, duration: 1000 };

  it("is instances in use over the lower bound: spreading 3 small tasks over 3 instances scores 3", () => {
    const spread = { name: "spread", placementStrategy: [{ type: "spread", field: "instanceId" }] };
    const m = run(scenario({ instances: 3, tasks: [small], strategy: spread }));
    expect(m.instancesInUse.mean).toBe(3);
    expect(m.fragmentation.packingEfficiency).toBe(3);
  });

  it("is 1 when first-fit packs them onto one instance", () => {
    const s = scenario({ instances: 3, tasks: [small] });
    const r = simulate(s, s.strategies[0]!, 1);
    expect(r.metrics.fragmentation.packingEfficiency).toBe(1);
    expect(new Set(r.series.lowerBound)).toEqual(new Set([1]));
  });
});

describe("outcomes", () => {
  it("counts failed placements by reason and keeps submitted = placed + failed + pending", () => {
    const m = run(
      scenario({
        instances: 2,
        pending: "fail",
        tasks: [{ def: taskDef("w", 768, 100), count: 3, duration: 40 }],
      }),
    );
    expect(m.tasks).toEqual({
      submitted: 3,
      placed: 2,
      failedPlacement: 1,
      cancelled: 0,
      pendingAtEnd: 0,
      runningAtEnd: 0,
      completed: 2,
      stoppedByFailure: 0,
      lost: 0,
    });
    expect(m.failureReasons).toEqual({ "RESOURCE:CPU": 1 });
  });
});
