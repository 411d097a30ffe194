import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { taskRow } from "../../src/import/import-result.ts";
import { quantiles, synthesize } from "../../src/import/synthetic.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { Reconciliation } from "../../src/trace/reconciliation.ts";

describe("synthetic scenario fitted to a trace", () => {
  // Two days: 3 submissions in hour 0 and 1 in hour 13 on each day, two shapes.
  const tasks = [0, 100, 200, 13 * 3600, 86400, 86500, 86600, 86400 + 13 * 3600].map((submit, k) =>
    taskRow({ submit, duration: 60 * (k + 1), cpu: k % 4 === 3 ? 1024 : 256, memory: 512 }),
  );
  tasks.push(taskRow({ submit: 50, duration: 10, gpuMilli: 300, cpu: 1, memory: 1 }));
  const r = {
    format: "test",
    types: [{ name: "box", cpu: 4096, memory: 8192 }],
    groups: [{ type: "box", count: 2 }],
    tasks,
    stats: new Reconciliation(),
    events: new Map(),
    notes: [],
  };

  it("fits the rate per hour of day and the joint shape x duration mix", () => {
    const doc = synthesize(r, "t") as {
      workload: { arrival: { rates: { from: number; ratePerHour: number }[] }; mix: unknown[] }[];
      description: string;
    };
    const rates = doc.workload[0]!.arrival.rates;
    const span = 86400 + 13 * 3600;
    const days = span / 86400;
    expect(rates[0]).toEqual({ from: 0, ratePerHour: Math.round((7 / days) * 1000) / 1000 }); // 6 + the GPU share
    expect(rates[13]).toEqual({ from: 13 * 3600, ratePerHour: Math.round((2 / days) * 1000) / 1000 });
    expect(rates[1]!.ratePerHour).toBe(0);
    expect(doc.workload[0]!.mix).toEqual([
      {
        taskDefinition: "shape-1",
        weight: 6,
        duration: { type: "empirical", values: [60, 120, 180, 300, 360, 420] },
      },
      { taskDefinition: "shape-2", weight: 2, duration: { type: "empirical", values: [240, 480] } },
    ]);
    expect(doc.description).toMatch(/1 GPU-share tasks/);
    // It is a valid scenario.
    const loaded = loadScenarioText("s.yaml", stringify(doc));
    expect(loaded.scenario.shapes.map((s) => s.cpu)).toEqual([256, 1024]);
  });

  it("quantiles keep at most n evenly spaced values", () => {
    expect(quantiles([5, 1, 3], 10)).toEqual([1, 3, 5]);
    expect(quantiles([...Array(100).keys()], 4)).toEqual([12, 37, 62, 87]);
  });
});
