/**
 * Report size (issue 11): the bytes of index.html, summary.md and results.json for every built-in strategy
 * (the first ten) x 10 seeds of scenarios/quickstart.yaml and scenarios/overloaded.yaml. Target: index.html
 * under 3 MB. Sizes are deterministic (the same results give the same bytes except the date and command
 * line of the reproducibility card), so one run is the measurement.
 *   node --import tsx bench/report-size.ts
 */
import { PRESET_NAMES, presetStrategy } from "../src/placement/presets.ts";
import { reportFiles } from "../src/report/report-files.ts";
import { buildResults, serializeResults } from "../src/report/results.ts";
import { loadScenarioFile } from "../src/scenario/load.ts";
import { compare } from "../src/sim/compare.ts";

const TARGET_MB = 3;
const names = PRESET_NAMES.slice(0, 10);
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

console.log(
  `| scenario | strategies x seeds | index.html MB | of which inlined libraries MB | summary.md kB | results.json MB | under ${TARGET_MB} MB |`,
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | --- |");
for (const file of ["scenarios/quickstart.yaml", "scenarios/overloaded.yaml"]) {
  const { scenario } = loadScenarioFile(file);
  const strategies = names.map((n) => presetStrategy(n)!);
  const results = buildResults(scenario, compare(scenario, { strategies, replications: 10 }));
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
}
