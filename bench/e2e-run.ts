/**
 * One end-to-end run in its own process, so its peak RSS is its own:
 *   node --import tsx bench/e2e-run.ts SCENARIO STRATEGY [HORIZON_FRACTION]
 * Prints one JSON line: tasks, events, wall seconds, events per second (wall and CPU), peak RSS in MiB.
 * A fraction below 1 shortens the horizon (and the warm-up with it) for the quick smoke run.
 */
import { presetStrategy } from "../src/placement/presets.ts";
import { loadScenarioFile } from "../src/scenario/load.ts";
import { simulate } from "../src/sim/simulate.ts";

const [file, name, fractionText] = process.argv.slice(2);
const { scenario } = loadScenarioFile(file!);
const fraction = Number(fractionText ?? 1);
const run = { ...scenario, horizon: scenario.horizon * fraction, warmup: scenario.warmup * fraction };
const strategy = scenario.strategies.find((s) => s.name === name) ?? presetStrategy(name!);
if (!strategy) throw new Error(`unknown strategy ${name}`);
const cpuBefore = process.cpuUsage();
const result = simulate(run, strategy, scenario.seed);
const cpu = process.cpuUsage(cpuBefore);
// CPU seconds of this process during the run (user + system): on a shared machine the wall clock also
// counts time the process spent waiting for a core.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    submitted: result.metrics.tasks.submitted,
    events: result.timing.events,
    wallSeconds: result.timing.wallSeconds,
    eventsPerSecond: result.timing.eventsPerSecond,
    cpuSeconds,
    eventsPerCpuSecond: result.timing.events / cpuSeconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    memoryUtilization: result.metrics.utilization.memory,
  }),
);
