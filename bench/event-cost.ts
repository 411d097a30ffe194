/**
 * Per-event cost against cluster size (issue 12: the cost at 10,000 instances within 1.3x of the cost at
 * 100). The scale-1m workload (four shapes, Poisson arrivals, 80-minute tasks, about 85% of memory reserved)
 * scaled to N m5.2xlarge instances: arrival rates times N / 10,000, horizon chosen so that every size handles
 * about the same number of events, warm-up one fifth of it. Each round runs both sizes in this process, one
 * after the other; the figure is the median over rounds of (CPU microseconds per event at the large size) /
 * (the same at the small size). CPU time of the process (all threads), so time spent waiting for a core
 * on a shared machine is left out.
 *
 *   node --import tsx bench/event-cost.ts [STRATEGY] [ROUNDS] [EVENTS] [SHAPES]
 */
import { presetStrategy } from "../src/placement/presets.ts";
import { loadScenarioText } from "../src/scenario/load.ts";
import { simulate } from "../src/sim/simulate.ts";

/**
 * scale-1m's workload on `instances` instances, sized for about `events` events. With `shapes` > 4 the same
 * arrival rate is split over that many task shapes (distinct cpu/memory sizes of the same mean footprint,
 * rates falling off as 1/rank, as in a trace's shape mix): what index upkeep per shape costs.
 */
export function scaledScenario(instances: number, events: number, shapes = 4): string {
  const f = instances / 10_000;
  // About two events per task (arrival and end), 42 arrivals per second at 10,000 instances.
  const horizon = Math.round(events / (2 * 42 * f));
  const mix = shapes > 4 ? manyShapes(shapes) : SCALE_1M_MIX;
  const defs = mix.map(
    (m) =>
      `  - { family: ${m.family}, containerDefinitions: [{ name: ${m.family}, cpu: ${m.cpu}, memory: ${m.memory} }] }`,
  );
  const sources = mix.map(
    (m) =>
      `  - { taskDefinition: ${m.family}, arrival: { type: poisson, ratePerSecond: ${m.rate * f} }, duration: { type: exponential, mean: 80m } }`,
  );
  return `name: event-cost-${instances}${shapes > 4 ? `-${shapes}-shapes` : ""}
seed: 1
horizon: ${horizon}s
warmup: ${Math.round(horizon / 5)}s
pending: queue
cluster:
  instances:
    - { type: m5.2xlarge, count: ${instances}, zones: [us-east-1a, us-east-1b, us-east-1c] }
taskDefinitions:
${defs.join("\n")}
workload:
${sources.join("\n")}
strategies: [{ name: binpack-memory, placementStrategy: [{ type: binpack, field: memory }] }]
`;
}

/** A task family of the workload: its size and its arrivals per second at 10,000 instances. */
interface Family {
  family: string;
  cpu: number;
  memory: number;
  rate: number;
}

/** scale-1m's four shapes and rates. */
const SCALE_1M_MIX: Family[] = [
  { family: "web", cpu: 256, memory: 512, rate: 18 },
  { family: "api", cpu: 512, memory: 1024, rate: 10 },
  { family: "batch", cpu: 128, memory: 2048, rate: 10 },
  { family: "big", cpu: 512, memory: 4096, rate: 4 },
];

/** The same 42 arrivals per second over `shapes` distinct sizes, rates falling off as 1/rank. */
function manyShapes(shapes: number): Family[] {
  const weights = Array.from({ length: shapes }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  // Memory 512-4096 MiB and cpu 128-1024 units, distinct per shape (about scale-1m's mean footprint).
  return weights.map((w, k) => ({
    family: `s${k}`,
    cpu: 128 + ((k * 389) % 897),
    memory: 512 + ((k * 977) % 3585),
    rate: (42 * w) / total,
  }));
}

/** CPU microseconds per event of one run. */
export function microsPerEvent(instances: number, strategy: string, events: number, shapes = 4): number {
  const { scenario } = loadScenarioText(
    `event-cost-${instances}.yaml`,
    scaledScenario(instances, events, shapes),
  );
  const c0 = process.cpuUsage();
  const run = simulate(scenario, presetStrategy(strategy)!, 1);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / run.timing.events;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [strategy = "binpack-memory", roundsText = "5", eventsText = "400000", shapesText = "4"] =
    process.argv.slice(2);
  const rounds = Number(roundsText);
  const events = Number(eventsText);
  const shapes = Number(shapesText);
  const ratios: number[] = [];
  const small: number[] = [];
  const large: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const s = microsPerEvent(100, strategy, events, shapes);
    const l = microsPerEvent(10_000, strategy, events, shapes);
    small.push(s);
    large.push(l);
    ratios.push(l / s);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    JSON.stringify({
      strategy,
      events,
      shapes,
      microsPerEvent100: median(small),
      microsPerEvent10000: median(large),
      ratio: median(ratios),
      ratios: ratios.map((x) => Number(x.toFixed(3))),
    }),
  );
}
