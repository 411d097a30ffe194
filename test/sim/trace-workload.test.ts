import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { MemoryLog } from "../../src/sim/event-log.ts";
import { simulate } from "../../src/sim/simulate.ts";

const dir = mkdtempSync(join(tmpdir(), "berth-trace-sim-"));

function scenarioWith(trace: string, extra = "", name = "t.csv") {
  writeFileSync(join(dir, name), trace);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: trace-test
horizon: 1h
cluster:
  instanceTypes: { box: { cpu: 1024, memory: 1024 } }
  instances: [{ type: box, count: 2 }]
workload:
  - trace: { file: ${name}${extra} }
strategies: [{ name: first, placementStrategy: [{ type: first-fit }] }]
`,
  );
  return loadScenarioFile(file);
}

const TRACE = `submit,duration,cpu,memory,family,group,distinctInstance
0,100,512,512,a,g1,1
0,50,512,512,a,g1,1
10,30,1024,1024,b,,0
20,,256,256,c,,0
bad,1,1,1,x,,
`;

describe("trace workload", () => {
  it("replays each row as a task at its time, with its shape, group and duration", () => {
    const { scenario, warnings } = scenarioWith(TRACE);
    expect(scenario.shapes.map((s) => [s.family, s.cpu, s.memory])).toEqual([
      ["a", 512, 512],
      ["b", 1024, 1024],
      ["c", 256, 256],
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /workload\[0\]\.trace\.file: 1 rows skipped: bad submit time \(first: t\.csv:6\)$/,
      ),
    ]);
    const log = new MemoryLog();
    const run = simulate(scenario, scenario.strategies[0]!, 1, { log });
    const placed = log.entries.filter((e) => e.state === "RUNNING").map((e) => [e.time, e.task, e.instance]);
    // distinctInstance puts the two g1 tasks on different instances; b (a whole box) waits until the
    // first g1 task ends at 50; c fits next to the 100 s task at 20.
    expect(placed).toEqual([
      [0, "t-000001", "i-0e220a8397b1dcdaf"],
      [0, "t-000002", "i-06e789e6aa1b965f4"],
      [20, "t-000004", "i-0e220a8397b1dcdaf"],
      [50, "t-000003", "i-06e789e6aa1b965f4"],
    ]);
    const stops = log.entries.filter((e) => e.state === "STOPPED").map((e) => [e.time, e.task]);
    expect(stops).toEqual([
      [50, "t-000002"],
      [80, "t-000003"],
      [100, "t-000001"],
    ]);
    expect(run.metrics.tasks.submitted).toBe(4);
  });

  it("is deterministic per seed and loadFactor/replicate scale the tasks submitted", () => {
    const rows = ["submit,duration,cpu,memory"];
    for (let k = 0; k < 400; k++) rows.push(`${k * 5},20,64,64`);
    const text = `${rows.join("\n")}\n`;
    const base = scenarioWith(text, "", "many.csv").scenario;
    const a = simulate(base, base.strategies[0]!, 3);
    const b = simulate(base, base.strategies[0]!, 3);
    expect(a.metrics).toEqual(b.metrics);
    expect(a.metrics.tasks.submitted).toBe(400);
    const doubled = scenarioWith(text, ", replicate: 2", "many2.csv").scenario;
    expect(simulate(doubled, doubled.strategies[0]!, 3).metrics.tasks.submitted).toBe(800);
    const half = scenarioWith(text, ", sample: 0.5", "many3.csv").scenario;
    const n = simulate(half, half.strategies[0]!, 3).metrics.tasks.submitted;
    expect(n).toBeGreaterThan(160);
    expect(n).toBeLessThan(240);
    const fast = scenarioWith(text, ", speed: 4", "many4.csv").scenario;
    // 400 rows 5 s apart span 2000 s; at speed 4 they span 500 s, all inside the hour either way.
    expect(simulate(fast, fast.strategies[0]!, 3).metrics.tasks.submitted).toBe(400);
  });

  it("a missing file or header column is one file:line:col error", () => {
    expect(() => scenarioWith("x,y\n1,2\n", "", "nohead.csv")).toThrow(
      /trace\.file: nohead\.csv:1: the header has no "submit" column/,
    );
    writeFileSync(
      join(dir, "missing.yaml"),
      "name: m\nhorizon: 1h\ncluster: { instances: [{ type: m5.large, count: 1 }] }\nworkload: [{ trace: { file: nope.csv } }]\nstrategies: [{ name: s }]\n",
    );
    expect(() => loadScenarioFile(join(dir, "missing.yaml"))).toThrow(
      /missing\.yaml:4:\d+ workload\[0\]\.trace\.file: no trace file at nope\.csv/,
    );
  });
});
