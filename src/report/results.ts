/**
 * results.json: the versioned contract CI scripts read (docs/results.md). Everything outside the `timing`
 * objects is a pure function of (scenario, seeds, strategies): byte-identical across repeats and machines.
 */
import { createRequire } from "node:module";
import { delayCount, delayCurve, poolDelays } from "../metrics/delay-sample.ts";
import type { DynamicsSeries } from "../metrics/dynamics-recorder.ts";
import type { PackingHeatmap } from "../metrics/packing-grid.ts";
import type { RunMetrics, RunSeries, RunTiming } from "../metrics/run-metrics.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import type { Gate } from "../scenario/parse-gate.ts";
import type { StrategyRuns } from "../sim/compare.ts";
import { evaluateGates, type GateResult } from "../stats/gates/evaluate-gates.ts";
import { type PairedTree, pairedComparison } from "../stats/paired.ts";
import { type SteadyState, steadyState } from "../stats/steady-state.ts";
import { type EstimateTree, summarizeRuns } from "../stats/summarize-runs.ts";
import type { Provenance } from "./provenance.ts";
import { buildVerdict, type Verdict } from "./verdict.ts";

export const SCHEMA_VERSION = 1;

export interface Results {
  schemaVersion: number;
  generator: { name: "berth"; version: string };
  scenario: {
    name: string;
    description: string;
    hash: string;
    horizon: number;
    warmup: number;
    sampleEvery: number;
    pending: "queue" | "fail";
    seeds: number[];
  };
  /** The strategy every other one is compared with, seed by seed (paired differences). */
  baseline: string;
  /** Which strategy is best on each key metric and whether that is significant; warnings (verdict.ts). */
  verdict: Verdict;
  strategies: StrategyResult[];
  /** One entry per (gate, strategy) it applies to, scenario gates first. */
  gates: GateResult[];
  /** Strategy origins and, not deterministic, the command line, Node version and date (provenance.ts). */
  provenance?: Provenance;
}

export interface StrategyResult {
  name: string;
  description: string;
  placementStrategy: { type: string; field?: string }[];
  runs: {
    seed: number;
    metrics: RunMetrics;
    series: RunSeries;
    /** Batch-means estimates of each series over this run alone (steady state of a long run). */
    steadyState: SteadyState;
    dynamics?: DynamicsSeries;
    timing: RunTiming;
  }[];
  summary: EstimateTree;
  /** Per-seed differences against the baseline strategy: mean, 95% CI, relative change; null for it. */
  paired: PairedTree | null;
  /** Placement delay at percentiles 0..100, pooled over all replications (measured tasks). */
  placementDelayCurve: number[];
  /**
   * Per-instance reserved share over time on one seed (the first run that recorded it; metrics/
   * packing-grid.ts), for the report's packing heatmap; absent when no run recorded it.
   */
  packing?: PackingHeatmap;
}

export const packageVersion = (createRequire(import.meta.url)("../../package.json") as { version: string })
  .version;

export interface BuildOptions {
  /** Default: the first strategy. */
  baseline?: string;
  /** Default: the scenario's gates. */
  gates?: Gate[];
  provenance?: Provenance;
}

/** What results.json takes from the scenario (a merge of run shards has only this, from the shard header). */
export type ResultsScenario = Pick<
  CompiledScenario,
  "name" | "description" | "hash" | "horizon" | "warmup" | "sampleEvery" | "pending" | "gates"
>;

export function buildResults(
  scenario: ResultsScenario,
  comparison: StrategyRuns[],
  options: BuildOptions = {},
): Results {
  const baseline = options.baseline ?? comparison[0]?.strategy.name ?? "";
  const baseRuns = comparison.find((c) => c.strategy.name === baseline);
  if (comparison.length > 0 && !baseRuns)
    throw new Error(`baseline "${baseline}" is not a strategy of the run`);
  const strategies: StrategyResult[] = comparison.map(({ strategy, runs }) => ({
    name: strategy.name,
    description: strategy.description,
    placementStrategy: strategy.placementStrategy,
    runs: runs.map((r) => ({
      seed: r.seed,
      metrics: r.metrics,
      series: r.series,
      ...(r.dynamics ? { dynamics: r.dynamics } : {}),
      steadyState: steadyState(r.series, scenario.warmup),
      timing: r.timing,
    })),
    summary: summarizeRuns(runs.map((r) => r.metrics)),
    paired:
      strategy.name === baseline
        ? null
        : pairedComparison(
            runs.map((r) => r.metrics),
            baseRuns!.runs.map((r) => r.metrics),
          ),
    placementDelayCurve: delayCurve(poolDelays(runs.map((r) => r.delays))),
    ...packingOf(runs),
  }));
  const seeds = comparison[0]?.runs.map((r) => r.seed) ?? [];
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: "berth", version: packageVersion },
    scenario: {
      name: scenario.name,
      description: scenario.description,
      hash: scenario.hash,
      horizon: scenario.horizon,
      warmup: scenario.warmup,
      sampleEvery: scenario.sampleEvery,
      pending: scenario.pending,
      seeds,
    },
    baseline,
    verdict: buildVerdict(strategies, baseline, { warmup: scenario.warmup, seeds }),
    strategies,
    gates: evaluateGates(
      options.gates ?? scenario.gates,
      strategies.map((s, k) => ({
        ...s,
        delaySamples: comparison[k]!.runs.map((r) => delayCount(r.delays)),
      })),
      baseline,
    ),
    ...(options.provenance ? { provenance: options.provenance } : {}),
  };
}

/** The heatmap of the first run that recorded one, as a StrategyResult field. */
function packingOf(runs: StrategyRuns["runs"]): { packing?: PackingHeatmap } {
  const packing = runs.find((r) => r.packing !== undefined)?.packing;
  return packing ? { packing } : {};
}

/**
 * results.json text: two-space JSON, arrays of numbers on one line (nulls among them too: the packing
 * heatmap's absent cells), trailing newline.
 */
export function serializeResults(results: Results | object): string {
  const text = JSON.stringify(results, null, 2).replace(
    /\[\s*((?:-?[\d.e+-]+|null)(?:,\s*(?:-?[\d.e+-]+|null))*)\s*\]/g,
    (_, inner: string) => `[${inner.replace(/\s+/g, "")}]`,
  );
  return `${text}\n`;
}

/** A copy without wall-clock figures and the invocation: what must be identical for identical inputs. */
export function withoutTiming(results: Results): unknown {
  const { provenance, ...rest } = results;
  return {
    ...rest,
    ...(provenance ? { provenance: { strategies: provenance.strategies } } : {}),
    strategies: rest.strategies.map((s) => ({
      ...s,
      runs: s.runs.map(({ timing: _timing, ...run }) => run),
    })),
  };
}
