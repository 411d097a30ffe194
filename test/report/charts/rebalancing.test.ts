import { describe, expect, it } from "vitest";
import { loadStrategyModules } from "../../../src/cli/strategy-files.ts";
import { CHARTS, chartsFor } from "../../../src/report/charts/index.ts";
import { estimateAt } from "../../../src/report/headline.ts";
import { buildResults, type Results } from "../../../src/report/results.ts";
import { loadScenarioFile } from "../../../src/scenario/load.ts";
import { compare } from "../../../src/sim/compare.ts";
import { fixtureResults } from "../fixture.ts";
import { render } from "./render.ts";
import { texts } from "./svg.ts";

async function shipped(name: string, replications = 2): Promise<Results> {
  const { scenario } = loadScenarioFile(`scenarios/${name}.yaml`);
  const strategies = await loadStrategyModules(scenario.strategies, scenario.portUniverse);
  const loaded = { ...scenario, strategies };
  return buildResults(loaded, compare(loaded, { replications }), { gates: scenario.gates });
}

type Row = Record<string, number | string | null>;
const rows = (results: Results, id: "zoneBalance" | "instancesFreed") =>
  (CHARTS[id].build(results) as unknown as { data: { values: Row[] } }).data.values;

const az = await shipped("az-rebalancing");
const wave = await shipped("rebalancing");

describe("rebalancing charts", () => {
  it("appear only where they have something to show", () => {
    const plain = chartsFor(fixtureResults());
    expect(plain).not.toContain("zoneBalance");
    expect(plain).not.toContain("instancesFreed");
    expect(chartsFor(az)).toEqual(expect.arrayContaining(["zoneBalance", "instancesFreed"]));
    expect(chartsFor(wave)).toContain("instancesFreed");
  });

  it.each([
    ["az-rebalancing", "zoneBalance"],
    ["az-rebalancing", "instancesFreed"],
    ["rebalancing", "instancesFreed"],
  ] as const)("%s: %s compiles and renders headless without warnings", async (name, id) => {
    const results = name === "rebalancing" ? wave : az;
    const { svg, warnings } = await render(CHARTS[id].build(results));
    expect(warnings).toEqual([]);
    for (const s of results.strategies) expect(texts(svg)).toContain(s.name);
  });

  it("zone balance: the band of the service nobody rebalances stays wide; az-balance closes it", () => {
    const end = (strategy: string, service: string) =>
      rows(az, "zoneBalance")
        .filter((r) => r.strategy === strategy && r.service === service)
        .at(-1)!;
    const lopsided = end("spread-az", "api-static");
    expect((lopsided.most as number) - (lopsided.fewest as number)).toBeGreaterThanOrEqual(2);
    const balanced = end("spread-az+az-balance", "api-static");
    expect((balanced.most as number) - (balanced.fewest as number)).toBeLessThanOrEqual(1);
    // the sampled band matches what the engine recorded: the mean of the runs' last samples
    const runs = az.strategies.find((s) => s.name === "spread-az")!.runs.map((r) => r.dynamics!);
    const mean = runs.reduce((a, d) => a + d.zoneTasksMax["api-static"]!.at(-1)!, 0) / runs.length;
    expect(lopsided.most).toBeCloseTo(mean, 9);
  });

  it("instances freed: bars are the instances-in-use estimates, ticks the packing lower bound", () => {
    const r = rows(wave, "instancesFreed");
    for (const s of wave.strategies) {
      const row = r.find((x) => x.strategy === s.name)!;
      expect(row.mean).toBeCloseTo(estimateAt(s.summary, ["instancesInUse", "mean"])!.mean, 3);
      expect(row.lowerBound as number).toBeLessThanOrEqual(row.mean as number);
    }
    const by = (name: string) => r.find((x) => x.strategy === name)!;
    // the defragmenter and the consolidate hook close most of spread's gap to the lower bound
    const gap = (name: string) => (by(name).mean as number) - (by(name).lowerBound as number);
    expect(gap("spread+defrag")).toBeLessThan(gap("spread") / 2);
    expect(gap("spread+consolidate")).toBeLessThan(gap("spread") / 2);
  });
});
