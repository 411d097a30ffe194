import { describe, expect, it } from "vitest";
import { presetStrategy } from "../../src/placement/presets.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { differences, divergenceCurve, type Trace, traceRun, valueAt } from "../../src/sim/divergence.ts";

const SCENARIO = `name: d
horizon: 10m
cluster:
  instances:
    - { type: m5.large, count: 1 }
    - { type: m5.xlarge, count: 1 }
taskDefinitions:
  - { family: web, containerDefinitions: [{ name: a, cpu: 256, memory: 512 }] }
  - { family: big, containerDefinitions: [{ name: b, cpu: 4096, memory: 1024 }] }
workload:
  - { taskDefinition: web, arrival: { type: burst, at: 0, count: 2 }, duration: { type: constant, value: 5m } }
  - { taskDefinition: big, arrival: { type: burst, at: 60, count: 1 }, duration: { type: constant, value: 1m } }
strategies:
  - { name: ff, placementStrategy: [{ type: first-fit }] }
`;

describe("divergence between two strategies", () => {
  it("lines up tasks by id and finds those placed on another instance or at another time", () => {
    const { scenario } = loadScenarioText("d.yaml", SCENARIO);
    // first-fit: both web tasks on the m5.large, the 4-vCPU task fits the empty m5.xlarge at once.
    // worst-fit: the first web task on the m5.xlarge (more normalized room); for the second both instances
    // leave the same normalized room (7473/7985 = 14946/15970), and the seed's tie-break draw picks the
    // m5.xlarge again; the 4-vCPU task then waits until both web tasks stop at 300 s.
    const a = traceRun(scenario, presetStrategy("first-fit")!, 1);
    const b = traceRun(scenario, presetStrategy("worst-fit")!, 1);
    const diffs = differences(a, b);
    expect(diffs.map((d) => [d.task, d.a.instance, d.b.instance, d.b.startedAt])).toEqual([
      ["t-000001", "i-0e220a8397b1dcdaf", "i-06e789e6aa1b965f4", 0],
      ["t-000002", "i-0e220a8397b1dcdaf", "i-06e789e6aa1b965f4", 0],
      ["t-000003", "i-06e789e6aa1b965f4", "i-06e789e6aa1b965f4", 300],
    ]);
    const curve = divergenceCurve(a, b, diffs, 600, 4);
    expect(curve.map((p) => [p.time, p.inUseA, p.inUseB, p.pendingA, p.pendingB, p.differentSoFar])).toEqual([
      [150, 1, 1, 0, 1, 3],
      [300, 0, 1, 0, 0, 3],
      [450, 0, 0, 0, 0, 3],
      [600, 0, 0, 0, 0, 3],
    ]);
  });

  it("reads step functions at any time", () => {
    const t: Trace = { placements: new Map(), times: [0, 10, 20], inUse: [1, 2, 3], pending: [0, 0, 0] };
    expect([-1, 0, 5, 10, 19.9, 20, 99].map((x) => valueAt(t.times, t.inUse, x))).toEqual([
      0, 1, 1, 2, 2, 3, 3,
    ]);
  });
});
