/**
 * Peer benchmark: the same M/M/c queue in berth and in SimPy. c instances that each hold exactly one task,
 * Poisson arrivals at rate lambda, exponential durations with mean 1/mu, a FIFO pending queue; both run to
 * the same simulated horizon. The figure is berth's completed jobs per wall second over SimPy's, measured
 * back to back in the same benchmark run. berth also records its full metrics while SimPy counts jobs.
 */
import { execFileSync } from "node:child_process";
import { loadScenarioText } from "../src/scenario/load.ts";
import { simulate } from "../src/sim/simulate.ts";
import type { Figure } from "./figure.ts";

export interface MmcOptions {
  servers: number;
  lambda: number;
  mu: number;
  horizon: number;
  /** Best of this many runs on each side (the machine is shared; the best run is the least disturbed). */
  repeats: number;
}

export function mmcScenarioText(o: MmcOptions): string {
  return `name: mmc
horizon: ${o.horizon}
pending: queue
cluster:
  instanceTypes:
    server: { cpu: 1024, memory: 1024, pricePerHour: 0 }
  instances: [{ type: server, count: ${o.servers} }]
taskDefinitions:
  - family: job
    containerDefinitions: [{ name: job, cpu: 1024, memory: 1024 }]
workload:
  - taskDefinition: job
    arrival: { type: poisson, ratePerSecond: ${o.lambda} }
    duration: { type: exponential, mean: ${1 / o.mu} }
strategies: [{ name: first-fit, placementStrategy: [{ type: first-fit }] }]
`;
}

function berthJobsPerSecond(o: MmcOptions): { jobs: number; seconds: number } {
  const { scenario } = loadScenarioText("mmc.yaml", mmcScenarioText(o));
  const run = simulate(scenario, scenario.strategies[0]!, 1);
  return { jobs: run.metrics.tasks.completed, seconds: run.timing.wallSeconds };
}

function simpyJobsPerSecond(o: MmcOptions): { jobs: number; seconds: number; simpy: string } {
  const out = execFileSync(
    "/usr/bin/python3",
    ["bench/mmc_simpy.py", String(o.servers), String(o.lambda), String(o.mu), String(o.horizon), "1"],
    { encoding: "utf8" },
  );
  return JSON.parse(out) as { jobs: number; seconds: number; simpy: string };
}

export function mmcBenchmark(o: MmcOptions): Figure[] {
  let berth = 0;
  let simpy = 0;
  let version = "";
  let jobs = 0;
  for (let r = 0; r < o.repeats; r++) {
    const b = berthJobsPerSecond(o);
    berth = Math.max(berth, b.jobs / b.seconds);
    jobs = b.jobs;
    let s: ReturnType<typeof simpyJobsPerSecond>;
    try {
      s = simpyJobsPerSecond(o);
    } catch (e) {
      throw new Error(
        `SimPy peer failed (install it with: apt-get install -y python3-simpy3): ${(e as Error).message.split("\n")[0]}`,
      );
    }
    simpy = Math.max(simpy, s.jobs / s.seconds);
    version = s.simpy;
  }
  const label = `M/M/${o.servers}, rho ${(o.lambda / (o.servers * o.mu)).toFixed(2)}, ${jobs} jobs`;
  return [
    { name: `berth jobs/s (${label})`, value: berth, unit: "jobs/s" },
    { name: `SimPy ${version} jobs/s (${label})`, value: simpy, unit: "jobs/s" },
    {
      name: "peer ratio: berth / SimPy jobs per second",
      value: berth / simpy,
      unit: "ratio",
      target: { atLeast: 10 },
    },
  ];
}
