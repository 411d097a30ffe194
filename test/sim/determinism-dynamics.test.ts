import { describe, expect, it } from "vitest";
import { buildResults, serializeResults, withoutTiming } from "../../src/report/results.ts";
import { loadScenarioFile } from "../../src/scenario/load.ts";
import { compare } from "../../src/sim/compare.ts";

const SHIPPED = [
  "crash-loop",
  "az-outage",
  "spot-interruptions",
  "scheduled-scale-up",
  "autoscaling",
  "rolling-deployment",
];

describe("dynamics determinism", () => {
  it.each(SHIPPED)("%s gives identical results (outside timing) on a second run", (name) => {
    const { scenario } = loadScenarioFile(`scenarios/${name}.yaml`);
    const once = () =>
      JSON.stringify(withoutTiming(buildResults(scenario, compare(scenario, { replications: 1 }))));
    const first = once();
    expect(once()).toBe(first);
    const results = buildResults(scenario, compare(scenario, { replications: 1 }));
    expect(results.strategies[0]!.runs[0]!.dynamics).toBeDefined();
    expect(results.strategies[0]!.summary.dynamics).toBeDefined();
    expect(serializeResults(results).endsWith("\n")).toBe(true);
  });
});
