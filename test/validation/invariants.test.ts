/**
 * Invariants over random scenarios (fast-check): whatever the cluster, workload and strategy,
 *  - no instance ever has more cpu, memory, GPUs or task ENIs reserved than it registers, nor two tasks on
 *    one static host port (checked by replaying the event log against the task definitions);
 *  - tasks are conserved: submitted = placed + failed + pending at end, placed = completed + running at end;
 *  - time never goes backwards (event log and samples);
 *  - the packing lower bound never exceeds the instances actually in use;
 *  - the same seed gives the same results.json (outside timing).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instanceOrdinal } from "../../src/model/aws-ids.ts";
import { buildResults, withoutTiming } from "../../src/report/results.ts";
import type { CompiledScenario } from "../../src/scenario/compile.ts";
import { compare } from "../../src/sim/compare.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";
import { compileObject } from "../helpers/scenario.ts";

const TYPES = ["t3.small", "c5.large", "m5.large", "r5.large", "g4dn.xlarge"];
const CHAINS = [
  [{ type: "binpack", field: "cpu" }],
  [{ type: "binpack", field: "memory" }],
  [{ type: "spread", field: "instanceId" }],
  [
    { type: "spread", field: "attribute:ecs.availability-zone" },
    { type: "binpack", field: "memory" },
  ],
  [{ type: "random" }],
  [{ type: "first-fit" }],
];

const taskDefinition = (family: string) =>
  fc
    .record({
      cpu: fc.integer({ min: 0, max: 16 }).map((k) => k * 128),
      memory: fc.integer({ min: 1, max: 32 }).map((k) => k * 128),
      mode: fc.constantFrom("bridge", "awsvpc", "host"),
      port: fc.constantFrom(undefined, 80, 443),
      gpu: fc.constantFrom(0, 0, 0, 1),
    })
    .map(({ cpu, memory, mode, port, gpu }) => {
      const container: Record<string, unknown> = { name: "app", cpu, memory };
      // bridge: a static host port, or a dynamic one; host and awsvpc: the container port.
      if (mode === "bridge") container.portMappings = [{ containerPort: 8080, hostPort: port ?? 0 }];
      else container.portMappings = [{ containerPort: port ?? 8080 }];
      if (gpu > 0) container.resourceRequirements = [{ type: "GPU", value: "1" }];
      return { family, networkMode: mode, containerDefinitions: [container] };
    });

const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1000 }),
    groups: fc.array(fc.record({ type: fc.constantFrom(...TYPES), count: fc.integer({ min: 1, max: 4 }) }), {
      minLength: 1,
      maxLength: 2,
    }),
    defs: fc.tuple(taskDefinition("a"), taskDefinition("b")),
    rates: fc.tuple(fc.integer({ min: 5, max: 400 }), fc.integer({ min: 5, max: 400 })),
    means: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })),
    pending: fc.constantFrom("queue", "fail"),
    chain: fc.constantFrom(...CHAINS),
    warmup: fc.constantFrom(0, 600),
  })
  .map((r) =>
    compileObject({
      name: "random",
      seed: r.seed,
      horizon: 3600,
      warmup: r.warmup,
      sampleEvery: 60,
      pending: r.pending,
      cluster: { instances: r.groups.map((g) => ({ ...g, zones: ["us-east-1a", "us-east-1b"] })) },
      taskDefinitions: r.defs,
      workload: r.defs.map((d, k) => ({
        taskDefinition: d.family,
        arrival: { type: "poisson", ratePerHour: r.rates[k] },
        duration: { type: "exponential", mean: r.means[k]! * 60 },
      })),
      strategies: [{ name: "s", placementStrategy: r.chain }],
    }),
  );

/** Replays the event log against the scenario's shapes; throws on the first over-commit. */
function checkNoOvercommit(scenario: CompiledScenario, log: MemoryLog): void {
  const registered: { cpu: number; memory: number; gpu: number; eni: number }[] = [];
  for (const g of scenario.instanceGroups) {
    for (let k = 0; k < g.count; k++) {
      registered.push({ cpu: g.type.cpu, memory: g.type.memory, gpu: g.type.gpu, eni: g.type.enis - 1 });
    }
  }
  const used = registered.map(() => ({ cpu: 0, memory: 0, gpu: 0, eni: 0, ports: new Set<string>() }));
  const shapeOf = new Map(scenario.shapes.map((s) => [s.family, s]));
  for (const e of log.entries) {
    if (e.task === undefined || e.instance === undefined) continue;
    const i = instanceOrdinal(e.instance)!;
    const shape = shapeOf.get(e.family!)!;
    const u = used[i]!;
    const sign = e.state === "RUNNING" ? 1 : -1;
    u.cpu += sign * shape.cpu;
    u.memory += sign * shape.memory;
    u.gpu += sign * shape.gpu;
    u.eni += sign * shape.eni;
    for (const p of shape.staticPorts) {
      if (sign === 1) {
        expect(u.ports.has(p), `port ${p} twice on ${e.instance} at ${e.time}`).toBe(false);
        u.ports.add(p);
      } else u.ports.delete(p);
    }
    const reg = registered[i]!;
    expect(u.cpu).toBeLessThanOrEqual(reg.cpu);
    expect(u.memory).toBeLessThanOrEqual(reg.memory);
    expect(u.gpu).toBeLessThanOrEqual(reg.gpu);
    expect(u.eni).toBeLessThanOrEqual(reg.eni);
  }
}

describe("invariants over random scenarios", () => {
  it("never over-commits, conserves tasks, keeps time monotone and bounds packing", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const log = new MemoryLog();
        const run = simulate(scenario, scenario.strategies[0]!, scenario.seed, { log });
        checkNoOvercommit(scenario, log);

        const t = run.metrics.tasks;
        expect(t.submitted).toBe(t.placed + t.failedPlacement + t.cancelled + t.pendingAtEnd);
        expect(t.placed).toBe(t.completed + t.runningAtEnd + t.stoppedByFailure);
        expect(log.entries.filter((e) => e.state === "PENDING")).toHaveLength(t.submitted);
        expect(log.entries.filter((e) => e.state === "RUNNING")).toHaveLength(t.placed);
        const failed = Object.values(run.metrics.failureReasons).reduce((a, b) => a + b, 0);
        expect(failed).toBe(t.failedPlacement);

        for (let k = 1; k < log.entries.length; k++) {
          expect(log.entries[k]!.time).toBeGreaterThanOrEqual(log.entries[k - 1]!.time);
        }
        const s = run.series;
        for (let k = 1; k < s.t.length; k++) expect(s.t[k]!).toBeGreaterThan(s.t[k - 1]!);
        expect(s.t.at(-1)!).toBeLessThanOrEqual(scenario.horizon);

        s.lowerBound.forEach((lb, k) => expect(lb).toBeLessThanOrEqual(s.instancesInUse[k]!));
        const f = run.metrics.fragmentation;
        expect(f.packingEfficiency === 0 || f.packingEfficiency >= 1).toBe(true);
        for (const v of [
          f.strandedCpu,
          f.strandedMemory,
          f.inducedPendingShare,
          run.metrics.utilization.cpu,
        ]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(f.inducedPendingTaskSeconds).toBeLessThanOrEqual(f.pendingTaskSeconds + 1e-6);
      }),
      { numRuns: 60, seed: 20261125 },
    );
  });

  it("gives byte-identical results.json (outside timing) for the same seed", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const strategies = [
          scenario.strategies[0]!,
          { name: "r", description: "random", placementStrategy: [{ type: "random" }] },
        ];
        const once = () =>
          JSON.stringify(
            withoutTiming(buildResults(scenario, compare(scenario, { strategies, replications: 2 }))),
          );
        expect(once()).toBe(once());
      }),
      { numRuns: 10, seed: 7 },
    );
  });
});
