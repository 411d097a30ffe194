/**
 * End-to-end benchmark: scenarios/scale-1m.yaml (about a million tasks onto 10,000 instances) for each
 * strategy in a child process. Events per second come from the run's own timing (simulation only, after
 * loading); peak RSS is the child's (whole process: Node, tsx, the scenario and the run). Events per CPU
 * second are shown too (CPU time of all the child's threads, GC helpers included): on a shared machine the
 * wall clock also counts time spent waiting for a core.
 */
import { execFileSync } from "node:child_process";
import type { Figure } from "./figure.ts";

export interface E2eResult {
  submitted: number;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  cpuSeconds: number;
  eventsPerCpuSecond: number;
  peakRssMiB: number;
  memoryUtilization: number;
}

export function e2eRun(scenario: string, strategy: string, fraction: number): E2eResult {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", "bench/e2e-run.ts", scenario, strategy, String(fraction)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!) as E2eResult;
}

export function e2eBenchmark(scenario: string, strategies: string[], fraction: number): Figure[] {
  return strategies.flatMap((strategy) => {
    const r = e2eRun(scenario, strategy, fraction);
    const label = `${strategy}: ${r.submitted} tasks, ${r.events} events in ${r.wallSeconds.toFixed(2)} s`;
    return [
      {
        name: `end-to-end events/s (${label})`,
        value: r.eventsPerSecond,
        unit: "events/s",
        target: { atLeast: 1e6 },
      },
      {
        name: `end-to-end events per CPU second (${strategy}: ${r.cpuSeconds.toFixed(2)} CPU s of all its threads: GC helpers included, waiting for a core excluded)`,
        value: r.eventsPerCpuSecond,
        unit: "events/CPU s",
      },
      {
        name: `end-to-end peak RSS (${strategy})`,
        value: r.peakRssMiB,
        unit: "MiB",
        target: { atMost: 1536 },
      },
    ];
  });
}
