import { describe, expect, it } from "vitest";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { scenarioFrom } from "../helpers/scenario.ts";

/**
 * `boxes` instances of 2048 CPU / 2048 MiB ("box"); task "job" reserves cpu/memory; one burst of `count`
 * tasks at time `at` lasting `duration` seconds (constant).
 */
function burst(o: {
  boxes: number;
  count: number;
  at?: number;
  duration: number;
  horizon: number;
  warmup?: number;
  pending: "queue" | "fail";
  cpu?: number;
  memory?: number;
  strategy?: string;
}) {
  return scenarioFrom(`
name: burst
horizon: ${o.horizon}
warmup: ${o.warmup ?? 0}
pending: ${o.pending}
cluster:
  instanceTypes: { box: { cpu: 2048, memory: 4096, pricePerHour: 0.36 } }
  instances: [{ type: box, count: ${o.boxes} }]
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: job, cpu: ${o.cpu ?? 1024}, memory: ${o.memory ?? 1024} }]
workload:
  - taskDefinition: job
    arrival: { type: burst, at: ${o.at ?? 0}, count: ${o.count} }
    duration: { type: constant, value: ${o.duration} }
strategies:
  - { name: s, placementStrategy: ${o.strategy ?? "[{ type: binpack, field: memory }]"} }
`);
}

const run = (s: ReturnType<typeof burst>, log?: MemoryLog) =>
  simulate(s, s.strategies[0]!, 1, log ? { log } : {});

describe("a burst onto a cluster that fits exactly K tasks", () => {
  // 3 boxes x 2 tasks (cpu-bound: 2048 / 1024) = K = 6; N = 10.
  it("pending: queue places K and leaves N - K pending", () => {
    const m = run(burst({ boxes: 3, count: 10, duration: 1000, horizon: 500, pending: "queue" })).metrics;
    expect(m.tasks).toEqual({
      submitted: 10,
      placed: 6,
      failedPlacement: 0,
      pendingAtEnd: 4,
      completed: 0,
      runningAtEnd: 6,
      cancelled: 0,
      stoppedByFailure: 0,
      lost: 0,
    });
    expect(m.failureReasons).toEqual({});
  });

  it("pending: fail places K and fails N - K with the binding resource as reason", () => {
    const cpuBound = run(
      burst({ boxes: 3, count: 10, duration: 1000, horizon: 500, pending: "fail" }),
    ).metrics;
    expect(cpuBound.tasks).toEqual({
      submitted: 10,
      placed: 6,
      failedPlacement: 4,
      pendingAtEnd: 0,
      completed: 0,
      runningAtEnd: 6,
      cancelled: 0,
      stoppedByFailure: 0,
      lost: 0,
    });
    expect(cpuBound.failureReasons).toEqual({ "RESOURCE:CPU": 4 });
    // Memory-bound shape: 256 cpu, 2048 MiB -> 2 per box by memory.
    const memBound = run(
      burst({ boxes: 3, count: 10, duration: 1000, horizon: 500, pending: "fail", cpu: 256, memory: 2048 }),
    ).metrics;
    expect(memBound.tasks.placed).toBe(6);
    expect(memBound.failureReasons).toEqual({ "RESOURCE:MEMORY": 4 });
  });

  it("completions free capacity and pending tasks are then placed in FIFO order", () => {
    // One box holding 2 tasks; 5 tasks at t=0 lasting 100 s: t-1,2 at 0; t-3,4 at 100; t-5 at 200.
    const log = new MemoryLog();
    const r = run(burst({ boxes: 1, count: 5, duration: 100, horizon: 250, pending: "queue" }), log);
    const running = log.entries.filter((e) => e.state === "RUNNING").map((e) => [e.task, e.time]);
    expect(running).toEqual([
      ["t-000001", 0],
      ["t-000002", 0],
      ["t-000003", 100],
      ["t-000004", 100],
      ["t-000005", 200],
    ]);
    const stopped = log.entries.filter((e) => e.state === "STOPPED").map((e) => [e.task, e.time]);
    expect(stopped).toEqual([
      ["t-000001", 100],
      ["t-000002", 100],
      ["t-000003", 200],
      ["t-000004", 200],
    ]);
    expect(r.metrics.tasks).toEqual({
      submitted: 5,
      placed: 5,
      failedPlacement: 0,
      pendingAtEnd: 0,
      completed: 4,
      runningAtEnd: 1,
      cancelled: 0,
      stoppedByFailure: 0,
      lost: 0,
    });
    // Delays 0, 0, 100, 100, 200.
    expect(r.delays.zeros).toBe(2);
    expect(Array.from(r.delays.positive)).toEqual([100, 100, 200]);
    expect(r.metrics.placementDelay.mean).toBe(80);
    expect(r.metrics.placementDelay.max).toBe(200);
  });

  it("a freed slot goes to the oldest pending task that fits, not to a newer one", () => {
    // Two workloads: big tasks (a whole box) at t=0 x2, small tasks at t=1 x1; one box.
    // The box runs big#1; big#2 then small wait. At t=100 big#1 ends: big#2 (older) takes the box, small
    // still waits (no room) until t=200.
    const s = scenarioFrom(`
name: fifo
horizon: 1000
pending: queue
cluster:
  instanceTypes: { box: { cpu: 2048, memory: 4096 } }
  instances: [{ type: box, count: 1 }]
taskDefinitions:
  - { family: big, containerDefinitions: [{ name: b, cpu: 2048, memory: 1024 }] }
  - { family: small, containerDefinitions: [{ name: s, cpu: 512, memory: 512 }] }
workload:
  - { taskDefinition: big, arrival: { type: burst, at: 0, count: 2 }, duration: { type: constant, value: 100 } }
  - { taskDefinition: small, arrival: { type: burst, at: 1, count: 1 }, duration: { type: constant, value: 10 } }
strategies:
  - { name: s, placementStrategy: [{ type: random }] }
`);
    const log = new MemoryLog();
    simulate(s, s.strategies[0]!, 1, { log });
    const running = log.entries.filter((e) => e.state === "RUNNING").map((e) => [e.family, e.time]);
    expect(running).toEqual([
      ["big", 0],
      ["big", 100],
      ["small", 200],
    ]);
  });
});

describe("conservation", () => {
  const mixed = (pending: "queue" | "fail", seed: number) =>
    scenarioFrom(`
name: mixed
seed: ${seed}
horizon: 3h
warmup: 30m
pending: ${pending}
cluster:
  instances:
    - { type: m5.large, count: 4, zones: [a, b] }
    - { type: c5.large, count: 3, zones: [a, b, c] }
taskDefinitions:
  - family: web
    containerDefinitions: [{ name: w, cpu: 512, memory: 1024, portMappings: [{ containerPort: 443, hostPort: 443 }] }]
  - family: worker
    containerDefinitions: [{ name: k, cpu: 256, memoryReservation: 1536, memory: 3000 }]
  - family: vpc
    networkMode: awsvpc
    containerDefinitions: [{ name: v, cpu: 128, memory: 256 }]
workload:
  - { taskDefinition: web, arrival: { type: poisson, ratePerHour: 20 }, duration: { type: exponential, mean: 40m } }
  - { taskDefinition: worker, arrival: { type: poisson, ratePerMinute: 2 }, duration: { type: lognormal, median: 5m, p95: 30m } }
  - { taskDefinition: vpc, arrival: { type: interval, every: 2m }, duration: { type: uniform, min: 1m, max: 20m } }
strategies:
  - { name: binpack, placementStrategy: [{ type: binpack, field: memory }] }
  - { name: spread }
  - { name: random, placementStrategy: [{ type: random }] }
`);

  for (const pending of ["queue", "fail"] as const) {
    it(`submitted = placed + failedPlacement + pendingAtEnd (pending: ${pending})`, () => {
      for (const seed of [1, 2, 3]) {
        const s = mixed(pending, seed);
        for (const strategy of s.strategies) {
          const { tasks, failureReasons } = simulate(s, strategy, seed).metrics;
          expect(tasks.submitted).toBeGreaterThan(0);
          expect(tasks.placed + tasks.failedPlacement + tasks.pendingAtEnd).toBe(tasks.submitted);
          expect(tasks.completed).toBeLessThanOrEqual(tasks.placed);
          const reasons = Object.values(failureReasons).reduce((a, b) => a + b, 0);
          expect(reasons).toBe(tasks.failedPlacement);
          if (pending === "fail") expect(tasks.pendingAtEnd).toBe(0);
          else expect(tasks.failedPlacement).toBe(0);
        }
      }
    });
  }

  it("the mixed cluster is loaded enough that tasks do fail or wait (the check above is not vacuous)", () => {
    const failing = simulate(mixed("fail", 1), mixed("fail", 1).strategies[0]!, 1).metrics;
    expect(failing.tasks.failedPlacement).toBeGreaterThan(0);
    const queued = simulate(mixed("queue", 1), mixed("queue", 1).strategies[0]!, 1).metrics;
    expect(queued.placementDelay.max).toBeGreaterThan(0);
  });
});

describe("utilization of hand-computable cases", () => {
  // One box (2048 cpu / 4096 MiB); one task of 1024 cpu / 1024 MiB from t=25 to t=75; horizon 100.
  it("equals reserved x time / registered x time over the whole horizon", () => {
    const m = run(
      burst({ boxes: 1, count: 1, at: 25, duration: 50, horizon: 100, pending: "queue" }),
    ).metrics;
    expect(m.utilization.cpu).toBeCloseTo((1024 * 50) / (2048 * 100), 12);
    expect(m.utilization.memory).toBeCloseTo((1024 * 50) / (4096 * 100), 12);
    // Over instances holding a task: the box is in use exactly while the task runs.
    expect(m.utilization.cpuInUse).toBeCloseTo(0.5, 12);
    expect(m.utilization.memoryInUse).toBeCloseTo(0.25, 12);
    expect(m.instancesInUse.mean).toBeCloseTo(0.5, 12);
    expect(m.instances).toEqual({ mean: 1, peak: 1 });
    expect(m.cost.instanceHours).toBeCloseTo(100 / 3600, 12);
    expect(m.cost.dollars).toBeCloseTo((0.36 * 100) / 3600, 12);
    expect(m.tasks.completed).toBe(1);
  });

  it("counts only the measured window [warmup, horizon]", () => {
    // Window [40, 100] (60 s); the task overlaps it for 35 s (40..75).
    const m = run(
      burst({ boxes: 1, count: 1, at: 25, duration: 50, horizon: 100, warmup: 40, pending: "queue" }),
    ).metrics;
    expect(m.utilization.cpu).toBeCloseTo((1024 * 35) / (2048 * 60), 12);
    expect(m.instancesInUse.mean).toBeCloseTo(35 / 60, 12);
    // The task was submitted before the warm-up, so no delay is measured.
    expect(m.placementDelay.max).toBe(0);
  });

  it("two boxes, tasks overlapping: 2 tasks for 40 s then 1 for 20 s", () => {
    const s = scenarioFrom(`
name: two
horizon: 200
pending: queue
cluster:
  instanceTypes: { box: { cpu: 2048, memory: 4096 } }
  instances: [{ type: box, count: 2 }]
taskDefinitions:
  - { family: job, containerDefinitions: [{ name: j, cpu: 2048, memory: 2048 }] }
workload:
  - { taskDefinition: job, arrival: { type: burst, at: 10, count: 1 }, duration: { type: constant, value: 60 } }
  - { taskDefinition: job, arrival: { type: burst, at: 30, count: 1 }, duration: { type: constant, value: 40 } }
strategies:
  - { name: s, placementStrategy: [{ type: spread, field: instanceId }] }
`);
    const m = simulate(s, s.strategies[0]!, 1).metrics;
    // cpu: 2048 x (60 + 40) over 2 x 2048 x 200
    expect(m.utilization.cpu).toBeCloseTo(100 / 400, 12);
    expect(m.utilization.memory).toBeCloseTo((2048 * 100) / (2 * 4096 * 200), 12);
    expect(m.utilization.cpuInUse).toBeCloseTo(1, 12);
    expect(m.instancesInUse.mean).toBeCloseTo(100 / 200, 12);
    expect(m.instancesInUse.peak).toBe(2);
  });
});
