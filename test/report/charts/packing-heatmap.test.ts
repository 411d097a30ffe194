import { describe, expect, it } from "vitest";
import {
  packingHeatmapChart,
  packingHeatmapEmpty,
  packingHeatmapNote,
} from "../../../src/report/charts/packing-heatmap.ts";
import type { Results } from "../../../src/report/results.ts";
import { fixtureResults, STRATEGY_NAMES } from "../fixture.ts";
import { render } from "./render.ts";
import { markLabels, texts } from "./svg.ts";

/** The cpu and memory text of each drawn cell, in the order Vega draws them (panel, row, bin). */
function drawnCells(svg: string): { row: string; cpu: string; memory: string; time: string }[] {
  return markLabels(svg, "rect mark").map((label) => ({
    row: /row: ([^;]*)/.exec(label)![1]!,
    time: /time: ([^;]*)/.exec(label)![1]!,
    cpu: /CPU reserved: ([^;]*)/.exec(label)![1]!,
    memory: /memory reserved: ([^;]*)$/.exec(label)![1]!,
  }));
}

const present = (results: Results) =>
  results.strategies.flatMap((s) =>
    s.packing!.rows.flatMap((r) =>
      r.cpu.flatMap((c, b) => (c === null ? [] : [{ cpu: c, memory: r.memory[b]!, bin: b }])),
    ),
  );

describe("packing heatmap chart", () => {
  const results = fixtureResults();
  const rows = results.strategies[0]!.packing!.rows;
  /** The first instance's id (launch order) and the fourth's. */
  const first = rows[0]!.first;
  const fourth = rows.find((r) => r.first !== first && r.zone === rows.at(-1)!.zone)!.first;

  it("draws one cell per (instance, bin) with the recorded shares, in bin order", async () => {
    const { svg, warnings } = await render(packingHeatmapChart(results));
    expect(warnings).toEqual([]);
    const cells = drawnCells(svg);
    const expected = present(results);
    expect(cells).toHaveLength(expected.length);
    expect(cells.length).toBe(STRATEGY_NAMES.length * 4 * 60);
    // Flattened and numbered in the browser: each drawn cell carries its own bin's values.
    cells.forEach((c, k) => {
      expect(c.cpu).toBe(`${(expected[k]!.cpu / 10).toFixed(1)}%`);
      expect(c.memory).toBe(`${(expected[k]!.memory / 10).toFixed(1)}%`);
    });
    // 2 h in 60 bins: 2-minute bins, named in minutes.
    expect(cells[1]!.time).toBe("2-4 min");
    const text = texts(svg).join(" ");
    for (const name of STRATEGY_NAMES) expect(text).toContain(`${name}: seed 7, 4 instances (one row each)`);
    expect(text).toContain(`${first} · us-east-1a`);
    expect(packingHeatmapEmpty(results)).toBeUndefined();
    expect(packingHeatmapNote(results)).toBe("Seed 7; 60 bins of 2.00 min; at most 40 rows per strategy.");
  });

  it("leaves cells where the instance did not exist blank instead of drawing 0%", async () => {
    const gone: Results = structuredClone(results);
    const row = gone.strategies[0]!.packing!.rows[0]!;
    for (let b = 30; b < 60; b++) row.cpu[b] = row.memory[b] = null;
    const { svg } = await render(packingHeatmapChart(gone));
    const cells = drawnCells(svg);
    expect(cells).toHaveLength(present(results).length - 30);
    expect(cells.filter((c) => c.row === `${first} · us-east-1a`)).toHaveLength(60 * 3 - 30);
  });

  it("labels aggregated rows with their range and count, and draws 1 to 10 strategies", async () => {
    const many: Results = structuredClone(results);
    const base = many.strategies[0]!;
    many.strategies = Array.from({ length: 10 }, (_, k) => ({ ...structuredClone(base), name: `s${k}` }));
    const p = many.strategies[3]!.packing!;
    p.rows = [{ ...p.rows[0]!, last: fourth, count: 4, zone: null }];
    const { svg, warnings } = await render(packingHeatmapChart(many));
    expect(warnings).toEqual([]);
    const text = texts(svg).join(" ");
    for (let k = 0; k < 10; k++) expect(text).toContain(`s${k}: seed 7`);
    expect(text).toContain("s3: seed 7, 4 instances (1 row of consecutive instances)");
    expect(text).toContain(`${first} +3 · mixed zones`);
    const tooltips = markLabels(svg, "rect mark").filter((l) => l.includes(`${first} +3`));
    expect(tooltips).toHaveLength(60);
    expect(tooltips[0]).toContain(`instances: ${first}..${fourth} (4 instances) · mixed zones`);
    const one: Results = { ...structuredClone(results), strategies: [structuredClone(base)] };
    expect(drawnCells((await render(packingHeatmapChart(one))).svg)).toHaveLength(4 * 60);
  });

  it("says why when there is nothing to draw", () => {
    const none: Results = structuredClone(results);
    for (const s of none.strategies) delete s.packing;
    expect(packingHeatmapEmpty(none)).toMatch(/hold no packing heatmap.*--heatmap-seed none/);
    expect(packingHeatmapNote(none)).toBeUndefined();
    const idle: Results = structuredClone(results);
    for (const s of idle.strategies)
      for (const r of s.packing!.rows) {
        r.cpu = r.cpu.map((v) => (v === null ? null : 0));
        r.memory = r.memory.map((v) => (v === null ? null : 0));
      }
    expect(packingHeatmapEmpty(idle)).toBe("No task reserved CPU or memory on any instance in seed 7.");
    const empty: Results = structuredClone(results);
    for (const s of empty.strategies) s.packing = { ...s.packing!, instances: 0, rows: [] };
    expect(packingHeatmapEmpty(empty)).toMatch(/No container instance existed in seed 7/);
    const partial: Results = structuredClone(results);
    delete partial.strategies[1]!.packing;
    expect(packingHeatmapNote(partial)).toContain("1 strategy has no heatmap recorded.");
  });
});
