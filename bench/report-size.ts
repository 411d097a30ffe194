/**
 * Report size (issue 11): the bytes of index.html, summary.md and results.json for every built-in strategy
 * (the first ten) x 10 seeds of scenarios/quickstart.yaml and scenarios/overloaded.yaml. Target: index.html
 * under 3 MB, with the packing heatmap recorded on the first seed as `berth run` does (and its size at
 * its row bound). Sizes are deterministic (the same results give the same bytes except the date and command
 * line of the reproducibility card), so one run is the measurement.
 *   node --import tsx bench/report-size.ts
 */

import { PACKING_BINS, PACKING_ROWS } from "../src/metrics/packing-grid.ts";
import { PRESET_NAMES, presetStrategy } from "../src/placement/presets.ts";
import { packingHeatmapChart } from "../src/report/charts/packing-heatmap.ts";
import { reportFiles } from "../src/report/report-files.ts";
import { buildResults, type Results, serializeResults } from "../src/report/results.ts";
import { loadScenarioFile } from "../src/scenario/load.ts";
import { compare } from "../src/sim/compare.ts";

const TARGET_MB = 3;
const names = PRESET_NAMES.slice(0, 10);
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

console.log(
  `| scenario | strategies x seeds | index.html MB | of which inlined libraries MB | summary.md kB | results.json MB | under ${TARGET_MB} MB |`,
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | --- |");
const heatmapBytes: string[] = [];
for (const file of ["scenarios/quickstart.yaml", "scenarios/overloaded.yaml"]) {
  const { scenario } = loadScenarioFile(file);
  const strategies = names.map((n) => presetStrategy(n)!);
  // As `berth run` does: the packing heatmap on the first seed.
  const results = buildResults(
    scenario,
    compare(scenario, { strategies, replications: 10, heatmapSeed: scenario.seed }),
  );
  const files = await reportFiles(results);
  const size = (name: string) => Buffer.byteLength(files.find((f) => f.name === name)!.content);
  const html = files.find((f) => f.name === "index.html")!.content as string;
  const libraries = [...html.matchAll(/<script data-library="[^"]+">[\s\S]*?<\/script>/g)].reduce(
    (n, m) => n + Buffer.byteLength(m[0]),
    0,
  );
  const json = Buffer.byteLength(serializeResults(results));
  console.log(
    `| ${file} | ${names.length} x 10 | ${mb(size("index.html"))} | ${mb(libraries)} | ${(size("summary.md") / 1e3).toFixed(1)} | ${mb(json)} | ${size("index.html") < TARGET_MB * 1e6 ? "yes" : "NO"} |`,
  );
  // The heatmap's share: its spec as recorded, and at its bound (every strategy PACKING_ROWS rows, every
  // cell present at 4 digits), the most it can add whatever the scenario.
  const spec = (r: Results) => Buffer.byteLength(JSON.stringify(packingHeatmapChart(r)));
  const full: Results = {
    ...results,
    strategies: results.strategies.map((s) => {
      const p = s.packing!;
      const row = { ...p.rows[0]!, cpu: Array(p.bins).fill(1000), memory: Array(p.bins).fill(1000) };
      return { ...s, packing: { ...p, rows: Array.from({ length: PACKING_ROWS }, () => row) } };
    }),
  };
  heatmapBytes.push(
    `${file}: heatmap spec ${mb(spec(results))} MB (${results.strategies.map((s) => s.packing!.rows.length).join("+")} rows); at its bound (${names.length} x ${PACKING_ROWS} rows x ${PACKING_BINS} bins) ${mb(spec(full))} MB`,
  );
}
for (const line of heatmapBytes) console.log(`\n${line}`);
