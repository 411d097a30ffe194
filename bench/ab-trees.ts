/**
 * A/B of two source trees in one process, for a shared machine: imports the simulator from two checkouts
 * (say a `git archive` of main extracted into one folder and your worktree), then runs scale-1m with one
 * strategy through A and B in alternation and prints each round's simulation CPU seconds and the ratio B / A.
 * Both runs of a round see the same machine load, which is why its ratios are steadier than separate runs.
 * A round whose two runs differ in events or utilization is reported (the trees decide differently).
 *
 *   node --import tsx bench/ab-trees.ts DIR_A DIR_B [STRATEGY] [ROUNDS] [HORIZON_FRACTION]
 *
 * Each folder needs src/ and scenarios/ (node_modules may be a link to another checkout's).
 */
import { resolve } from "node:path";

type Run = () => { cpuSeconds: number; events: number; utilization: number };

async function loadTree(dir: string, name: string, fraction: number): Promise<Run> {
  const root = resolve(dir);
  const { presetStrategy } = await import(`${root}/src/placement/presets.ts`);
  const { loadScenarioFile } = await import(`${root}/src/scenario/load.ts`);
  const { simulate } = await import(`${root}/src/sim/simulate.ts`);
  const { scenario } = loadScenarioFile(`${root}/scenarios/scale-1m.yaml`);
  const run = { ...scenario, horizon: scenario.horizon * fraction, warmup: scenario.warmup * fraction };
  const strategy = scenario.strategies.find((s: { name: string }) => s.name === name) ?? presetStrategy(name);
  if (!strategy) throw new Error(`unknown strategy ${name}`);
  return () => {
    const before = process.cpuUsage();
    const result = simulate(run, strategy, scenario.seed);
    const cpu = process.cpuUsage(before);
    return {
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      events: result.timing.events,
      utilization: result.metrics.utilization.memory,
    };
  };
}

const median = (values: number[]) => [...values].sort((p, q) => p - q)[Math.floor(values.length / 2)]!;

const [dirA, dirB, name = "spread-az", roundsText = "4", fractionText = "1"] = process.argv.slice(2);
if (!dirA || !dirB)
  throw new Error("usage: bench/ab-trees.ts DIR_A DIR_B [STRATEGY] [ROUNDS] [HORIZON_FRACTION]");
const a = await loadTree(dirA, name, Number(fractionText));
const b = await loadTree(dirB, name, Number(fractionText));
const ratios: number[] = [];
const cpuA: number[] = [];
const cpuB: number[] = [];
for (let round = 0; round < Number(roundsText); round++) {
  const x = a();
  const y = b();
  if (x.events !== y.events || x.utilization !== y.utilization) {
    console.log(`round ${round}: the trees decide differently (events ${x.events} vs ${y.events})`);
  }
  cpuA.push(x.cpuSeconds);
  cpuB.push(y.cpuSeconds);
  ratios.push(y.cpuSeconds / x.cpuSeconds);
  console.log(
    `round ${round}: A ${x.cpuSeconds.toFixed(3)} s, B ${y.cpuSeconds.toFixed(3)} s, B/A ${ratios.at(-1)!.toFixed(3)}`,
  );
}
console.log(
  JSON.stringify({
    strategy: name,
    medianCpuA: median(cpuA),
    medianCpuB: median(cpuB),
    medianRatio: median(ratios),
    ratios: ratios.map((r) => Number(r.toFixed(3))),
  }),
);
