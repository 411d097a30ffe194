/**
 * sweep.json (docs/results.md, "sweep.json"): per cell, its parameter values and per strategy the runs
 * and the summary with 95% CIs, paired differences against the first strategy, and the best strategy per
 * chosen metric. Everything but `timing` is a pure function of the plan and the unit results, so it is
 * byte-identical whatever the worker count, shard split or finishing order.
 */

import { betterDirection } from "../metrics/catalog.ts";
import type { RunMetrics } from "../metrics/run-metrics.ts";
import { serializeResults } from "../report/results.ts";
import type { Estimate } from "../stats/confidence.ts";
import { type PairedTree, pairedComparison, pairedDifference } from "../stats/paired.ts";
import { type EstimateTree, summarizeRuns } from "../stats/summarize-runs.ts";
import type { UnitRecord } from "./run-unit.ts";
import { BERTH_VERSION } from "./unit-file.ts";
import type { SweepPlan } from "./units.ts";

export const SWEEP_SCHEMA_VERSION = 1;

export interface SweepCellResult {
  index: number;
  values: unknown[];
  scenarioHash: string;
  strategies: {
    name: string;
    runs: { seed: number; metrics: RunMetrics }[];
    summary: EstimateTree;
    paired: PairedTree | null;
  }[];
  /** Per chosen metric, the strategy with the best mean (null when all tie or the metric has no direction). */
  best: { metric: string; strategy: string | null; significant: boolean }[];
}

export interface SweepResults {
  schemaVersion: number;
  generator: { name: "berth"; version: string };
  sweep: {
    name: string;
    description: string;
    hash: string;
    scenario: { file: string; name: string };
    parameters: string[];
    strategies: string[];
    metrics: string[];
    units: number;
  };
  cells: SweepCellResult[];
  timing: { unitWallSeconds: number };
}

/** The keys of the plan with no record. */
export function missingUnits(plan: SweepPlan, records: Iterable<UnitRecord>): string[] {
  const have = new Set<string>();
  for (const r of records) have.add(r.key);
  return plan.units.filter((u) => !have.has(u.key)).map((u) => u.key);
}

const isEstimate = (x: unknown): x is Estimate =>
  x !== null && typeof x === "object" && typeof (x as Estimate).mean === "number" && "ci95" in x;

export function estimateAtPath(tree: EstimateTree, path: string): Estimate | undefined {
  let node: unknown = tree;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object" || isEstimate(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return isEstimate(node) ? node : undefined;
}

/** The metric at a dotted path of one run (0 when absent, like the summaries). */
function metricOf(metrics: RunMetrics, path: string): number {
  let node: unknown = metrics;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, part)) return 0;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "number" ? node : 0;
}

export function buildSweepResults(plan: SweepPlan, records: Iterable<UnitRecord>): SweepResults {
  const byKey = new Map<string, UnitRecord>();
  for (const r of records) if (!byKey.has(r.key)) byKey.set(r.key, r);
  let wall = 0;
  for (const r of byKey.values()) wall += r.timing.wallSeconds;
  const unitsOfCell = new Map<number, UnitRecord[]>();
  for (const u of plan.units) {
    const r = byKey.get(u.key);
    if (!r) continue;
    const list = unitsOfCell.get(u.cell) ?? [];
    list.push(r);
    unitsOfCell.set(u.cell, list);
  }
  const cells = plan.cells.map((cell): SweepCellResult => {
    const units = (unitsOfCell.get(cell.index) ?? []).sort((a, b) => a.seed - b.seed);
    const runsOf = (name: string) =>
      units.flatMap((u) =>
        u.runs.filter((r) => r.strategy === name).map((r) => ({ seed: u.seed, metrics: r.metrics })),
      );
    const baseline = runsOf(plan.strategies[0] ?? "").map((r) => r.metrics);
    const strategies = plan.strategies.map((name, i) => {
      const runs = runsOf(name);
      return {
        name,
        runs,
        summary: summarizeRuns(runs.map((r) => r.metrics)),
        paired:
          i === 0 || runs.length === 0
            ? null
            : pairedComparison(
                runs.map((r) => r.metrics),
                baseline,
              ),
      };
    });
    const best = plan.metrics.map((metric) => {
      const direction = betterDirection(metric);
      const means = strategies.map((s) => estimateAtPath(s.summary, metric)?.mean);
      const known = means.filter((m): m is number => m !== undefined);
      // Means equal up to rounding noise (e.g. the cost of a fixed fleet) are a tie.
      const spread = Math.max(...known) - Math.min(...known);
      const tie = known.length > 1 && spread <= 1e-9 * Math.max(1, ...known.map(Math.abs));
      if (!direction || known.length < 1 || tie) return { metric, strategy: null, significant: false };
      const target = direction === "lower" ? Math.min(...known) : Math.max(...known);
      const winner = strategies[means.indexOf(target)]!;
      // Significant: the paired 95% CI of the winner against every other strategy excludes 0.
      const mine = winner.runs.map((r) => metricOf(r.metrics, metric));
      const others = strategies.filter((s) => s !== winner);
      const significant =
        others.length > 0 &&
        others.every(
          (s) =>
            pairedDifference(
              mine,
              s.runs.map((r) => metricOf(r.metrics, metric)),
            ).significant,
        );
      return { metric, strategy: winner.name, significant };
    });
    return { index: cell.index, values: cell.values, scenarioHash: cell.scenarioHash, strategies, best };
  });
  return {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    generator: { name: "berth", version: BERTH_VERSION },
    sweep: {
      name: plan.name,
      description: plan.description,
      hash: plan.hash,
      scenario: plan.scenario,
      parameters: plan.parameters,
      strategies: plan.strategies,
      metrics: plan.metrics,
      units: plan.units.length,
    },
    cells,
    timing: { unitWallSeconds: wall },
  };
}

/** Two-space JSON, number arrays on one line, trailing newline (the results.json layout). */
export function serializeSweep(results: SweepResults): string {
  return serializeResults(results);
}

export function sweepWithoutTiming(results: SweepResults): Omit<SweepResults, "timing"> {
  const { timing: _t, ...rest } = results;
  return rest;
}
