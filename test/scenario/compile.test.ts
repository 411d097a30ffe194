import { describe, expect, it } from "vitest";
import { SCENARIO_PHASES } from "../../src/scenario/compile.ts";
import { DYNAMICS_PHASES } from "../../src/scenario/compile-dynamics.ts";
import { CompileContext, type CompilePhase, runPhases } from "../../src/scenario/phases/context.ts";
import { ScenarioSchema } from "../../src/scenario/schema.ts";
import { problemsOf as problems } from "../helpers/scenario.ts";

// One problem for each phase that checks references or ECS rules; the comment names the phase.
const BAD = `name: t
horizon: 1h
warmup: 2h                                   # run window
cluster:
  instances:
    - { name: g, type: m5.large, count: 1, zones: [a] }
    - { name: g, type: m9.huge, count: 1 }   # cluster, groups
taskDefinitions:
  - family: a
    containerDefinitions: [{ name: c, cpu: 1, memory: 1 }]
  - family: a                                # task definitions
    containerDefinitions: [{ name: c, cpu: 1, memory: 1 }]
workload:
  - { taskDefinition: nope, arrival: { type: poisson, ratePerHour: 1 }, duration: { type: constant, value: 1 } }
services:
  - { name: s, taskDefinition: gone, desiredCount: 1 }
capacityProviders:
  - { name: cp, autoScalingGroup: nobody }
failures:
  containers: [{ taskDefinition: a, container: zz, ratePerHour: 1 }]
  zoneOutages: [{ zone: mars, at: 1m, for: 1m }]
strategies:
  - { name: r, placementStrategy: [{ type: random }] }
  - { name: r, placementStrategy: [{ type: binpack, field: disk }] }
gates:
  - "placementDelay.p95 of other < 10"
`;

describe("compile pipeline", () => {
  it("runs named phases in a fixed order, each name once", () => {
    const names = SCENARIO_PHASES.map((p) => p.name);
    expect(names).toEqual([
      "load factor",
      "run window",
      "cluster",
      "task definitions",
      "task fit",
      "provider strategies",
      "workload",
      "dynamics",
      "strategies",
      "fargate",
      "gates",
    ]);
    expect(DYNAMICS_PHASES.map((p) => p.name)).toEqual([
      "groups",
      "capacity providers",
      "scaling groups",
      "services",
      "service placement",
      "container failures",
      "instance faults",
      "startup times",
    ]);
    const all = [...names, ...DYNAMICS_PHASES.map((p) => p.name)];
    expect(new Set(all).size).toBe(all.length);
  });

  it("reports every phase's problems together, each at file:line:col, in file order", () => {
    expect(problems(BAD)).toEqual([
      "s.yaml:3:1 warmup: warmup must be shorter than the horizon",
      's.yaml:7:9 cluster.instances[1].name: duplicate group name "g"',
      's.yaml:7:18 cluster.instances[1].type: unknown instance type "m9.huge" (define it under cluster.instanceTypes)',
      's.yaml:11:5 taskDefinitions[1].family: duplicate family "a"',
      's.yaml:14:7 workload[0].taskDefinition: no task definition with family "nope"',
      's.yaml:16:16 services[0].taskDefinition: no task definition with family "gone"',
      's.yaml:18:17 capacityProviders[0].autoScalingGroup: no instance group named "nobody"',
      's.yaml:20:37 failures.containers[0].container: task definition "a" has no container "zz"',
      's.yaml:21:19 failures.zoneOutages[0].zone: no instance group uses zone "mars"',
      's.yaml:24:7 strategies[1].name: duplicate strategy name "r"',
      's.yaml:24:36 strategies[1].placementStrategy[0]: binpack field must be "cpu" or "memory" (got "disk")',
      's.yaml:26:5 gates[0]: gate names strategy "other", not one of r',
    ]);
  });

  it("lets a driver run any list of phases on one shared context", () => {
    const parsed = ScenarioSchema.parse({
      name: "t",
      horizon: 3600,
      cluster: { instances: [{ type: "m5.large", count: 2 }] },
      strategies: [{ name: "r" }],
    });
    const seen: string[] = [];
    const ctx = new CompileContext(
      parsed,
      { error: (p, m) => seen.push(`${p.join(".")}: ${m}`), warn() {} },
      ".",
    );
    const count: CompilePhase = {
      name: "count",
      reads: [],
      run: (c) => seen.push(`groups ${c.instanceGroups.length}`),
    };
    runPhases([SCENARIO_PHASES[2]!, count], ctx);
    expect(seen).toEqual(["groups 1"]);
    expect(ctx.instanceGroups[0]?.type.name).toBe("m5.large");
  });
});
