/**
 * Placement decision cost in CPU time, 10,000 against 100 instances, for every indexed built-in: the same
 * synthetic clusters and decision loop as `npm run bench -- --only placement` (src/measure/decision-cost.ts:
 * 85% occupancy, scale-1m's shapes and mix, choose + reserve + release per decision), timed with
 * process.cpuUsage() instead of tinybench's wall clock, so a busy machine's waits are left out. Each round
 * measures both sizes one after the other; the figure is the median ratio over rounds (target <= 2).
 *
 *   node --import tsx bench/decision-cpu.ts [ROUNDS] [DECISIONS] [STRATEGY,...]
 *
 * Note: the loop releases what it reserved at once, so an index that catches up lazily (change-log.ts)
 * finds most instances back at their old key; the end-to-end figure is bench/event-cost.ts.
 */
import { decisionLoop } from "../src/measure/decision-cost.ts";
import { BUILTIN_INSTANCE_TYPES } from "../src/model/instance-types.ts";
import { presetStrategy } from "../src/placement/presets.ts";
import { loadScenarioFile } from "../src/scenario/load.ts";
import { taskMixOf } from "../src/scenario/task-mix.ts";
import { INDEXED_TARGETS, strategyNamed } from "./placement.ts";

/** CPU microseconds per decision of `strategy` at `instances` (after a warm-up of a quarter as many). */
function cpuMicros(name: string, instances: number, decisions: number): number {
  const { scenario } = loadScenarioFile("scenarios/scale-1m.yaml");
  const loop = decisionLoop(strategyNamed(name), instances, false, {
    occupancy: 0.85,
    instanceType: BUILTIN_INSTANCE_TYPES.get("m5.2xlarge")!,
    shapes: scenario.shapes,
    taskMix: taskMixOf(scenario),
  })!;
  loop.run(decisions / 4);
  const c0 = process.cpuUsage();
  loop.run(decisions);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / decisions;
}

const [roundsText = "3", decisionsText = "200000", names] = process.argv.slice(2);
const strategies = names ? names.split(",") : INDEXED_TARGETS;
for (const name of strategies) {
  if (!presetStrategy(name) && !INDEXED_TARGETS.includes(name)) throw new Error(`unknown strategy ${name}`);
  const small: number[] = [];
  const large: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < Number(roundsText); r++) {
    small.push(cpuMicros(name, 100, Number(decisionsText)));
    large.push(cpuMicros(name, 10_000, Number(decisionsText)));
    ratios.push(large.at(-1)! / small.at(-1)!);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    JSON.stringify({
      strategy: name,
      microsPerDecision100: Number(median(small).toFixed(3)),
      microsPerDecision10000: Number(median(large).toFixed(3)),
      ratio: Number(median(ratios).toFixed(2)),
      ratios: ratios.map((x) => Number(x.toFixed(2))),
    }),
  );
}
