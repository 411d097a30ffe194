/**
 * What recording the packing heatmap costs a run (issue 11): the same scenario, strategy and seed with and
 * without RunOptions.packing, alternated in one process (A B A B ...), CPU seconds of each run. The
 * heatmap seed is one run per strategy, so this ratio is the most it adds to that run; other seeds pay
 * nothing (no recorder is built). Cases: the quick start, bench/mmc.ts's M/M/10 queue and scale-1m.
 *   node --import tsx bench/packing-heatmap.ts [ROUNDS]
 */
import { presetStrategy } from "../src/placement/presets.ts";
import { loadScenarioFile, loadScenarioText } from "../src/scenario/load.ts";
import { simulate } from "../src/sim/simulate.ts";
import { mmcScenarioText } from "./mmc.ts";

const rounds = Number(process.argv[2] ?? 5);
const MMC = { servers: 10, lambda: 9, mu: 1, horizon: 40_000, repeats: 1 };
const cases = [
  { file: "scenarios/quickstart.yaml", strategy: "binpack-memory", fraction: 1 },
  // Ten instances, 360,000 jobs: the most changes per instance (bench/mmc.ts's queue).
  { file: "M/M/10 (bench/mmc.ts)", strategy: "first-fit", fraction: 1 },
  // 10,000 instances: the recorder's per-instance bins at their largest among the shipped scenarios.
  { file: "scenarios/scale-1m.yaml", strategy: "binpack-memory", fraction: 1 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log("| scenario | strategy | events | CPU s without | CPU s with | ratio (median of rounds) |");
console.log("| --- | --- | ---: | ---: | ---: | ---: |");
for (const c of cases) {
  const { scenario } = c.file.startsWith("M/M/")
    ? loadScenarioText("mmc.yaml", mmcScenarioText(MMC))
    : loadScenarioFile(c.file);
  const run = { ...scenario, horizon: scenario.horizon * c.fraction, warmup: scenario.warmup * c.fraction };
  const strategy = scenario.strategies.find((s) => s.name === c.strategy) ?? presetStrategy(c.strategy)!;
  const cpu = (packing: boolean) => {
    const before = process.cpuUsage();
    const r = simulate(run, strategy, scenario.seed, packing ? { packing: true } : {});
    const used = process.cpuUsage(before);
    return { seconds: (used.user + used.system) / 1e6, events: r.timing.events };
  };
  cpu(false);
  cpu(true);
  const without: number[] = [];
  const withHeat: number[] = [];
  const ratios: number[] = [];
  let events = 0;
  for (let k = 0; k < rounds; k++) {
    const a = cpu(false);
    const b = cpu(true);
    events = a.events;
    without.push(a.seconds);
    withHeat.push(b.seconds);
    ratios.push(b.seconds / a.seconds);
  }
  console.log(
    `| ${c.file}${c.fraction < 1 ? ` (horizon x ${c.fraction})` : ""} | ${c.strategy} | ${events.toLocaleString("en-US")} | ${median(without).toFixed(3)} | ${median(withHeat).toFixed(3)} | ${median(ratios).toFixed(3)} |`,
  );
}
