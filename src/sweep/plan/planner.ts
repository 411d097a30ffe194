/**
 * berth plan's engine. A candidate is a way to size the cluster by one integer n: "scenario mix" scales
 * the scenario's instance groups to n instances in proportion (D'Hondt), "type T" replaces them with n
 * instances of T over the same zones. A probe (candidate, n) is one cell: every seed runs every strategy
 * (a sweep unit, on the worker pool), cached by unit key so no probe runs twice. For each strategy the
 * smallest n whose SLOs hold at the 95% bound is found by bracketing then bisection (search.ts).
 * `headroom` searches the largest loadFactor instead; `compact` the smallest n per seed (no CI).
 */
import type { CompiledScenario, InstanceGroup } from "../../scenario/compile.ts";
import { loadScenarioFile } from "../../scenario/load.ts";
import type { Override } from "../../scenario/overrides.ts";
import { seedsOf } from "../../sim/compare.ts";
import type { UnitRecord } from "../run-unit.ts";
import { type StrategyResolver, unitKey } from "../units.ts";
import { apportion } from "./apportion.ts";
import {
  alongRay,
  cheaperNeighbours,
  largestAffordable,
  type MixType,
  mixCost,
  mixedRays,
  mixText,
  raySteps,
} from "./mix.ts";
import { largestHolding, smallestHolding } from "./search.ts";
import { judgeSlo, type Slo, type SloJudgement } from "./slo.ts";

export interface PlanRequest {
  scenarioFile: string;
  /** --set / --load, applied first. */
  overrides: Override[];
  slos: Slo[];
  /** Instance types to size with, one candidate each; none = the scenario's own mix. */
  types?: string[];
  strategies?: string[];
  seeds?: number;
  maxInstances?: number;
  /** With two or more types: the most probes one strategy's mix search may look at (default 32). */
  mixProbes?: number;
  resolveStrategies: StrategyResolver;
  runUnit: (task: {
    key: string;
    cell: number;
    seed: number;
    scenarioFile: string;
    overrides: Override[];
    strategies: string[] | undefined;
  }) => Promise<UnitRecord>;
}

export interface Probe {
  /** A type's name, "scenario mix", "mix" (of the --types) or "headroom". */
  candidate: string;
  /** Total instances (size searches) or the load factor (headroom). */
  x: number;
  instances: Record<string, number>;
  costPerHour: number;
  /** Per strategy, each SLO's judgement over the seeds. */
  judgements: Map<string, SloJudgement[]>;
  records: UnitRecord[];
}

export interface Answer {
  strategy: string;
  candidate: string;
  found: boolean;
  /** Smallest total instances (size) or largest load factor (headroom); null when not found. */
  value: number | null;
  instances: Record<string, number> | null;
  costPerHour: number | null;
  slos: SloJudgement[];
  /** Probes this strategy's search looked at and the simulation runs they took (probes x seeds). */
  probes: number;
  runs: number;
}

export interface CompactAnswer {
  strategy: string;
  /** Smallest instance count per seed where every task fits (or every SLO holds on that seed alone). */
  perSeed: { seed: number; instances: number | null }[];
  min: number | null;
  median: number | null;
  max: number | null;
}

export interface PlanOutcome {
  scenario: string;
  seeds: number[];
  strategies: string[];
  answers: Answer[];
  compact?: CompactAnswer[];
  probes: Probe[];
  /** Distinct simulation runs (unit records x strategies) over the whole plan. */
  totalRuns: number;
}

interface Candidate {
  name: string;
  overrides(n: number): Override[];
  start: number;
}

interface TypeInfo extends MixType {
  memory: number;
}

function metricValue(metrics: unknown, path: string): number {
  let node = metrics;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, part)) return 0;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "number" ? node : 0;
}

function costOf(groups: InstanceGroup[]): { instances: Record<string, number>; costPerHour: number } {
  const instances: Record<string, number> = Object.create(null);
  let cost = 0;
  for (const g of groups) {
    instances[g.type.name] = (instances[g.type.name] ?? 0) + g.count;
    cost += g.count * g.type.pricePerHour;
  }
  return { instances, costPerHour: cost };
}

/** Thrown inside a mix search when its probe allowance is spent: the best mix so far stands. */
const OUT_OF_PROBES = Symbol("out of mix probes");

export class Planner {
  readonly base: CompiledScenario;
  private readonly cache = new Map<string, Promise<UnitRecord>>();
  private readonly probeCache = new Map<string, Promise<Probe>>();
  readonly probes: Probe[] = [];
  readonly seeds: number[];
  readonly strategies: string[];

  constructor(private readonly req: PlanRequest) {
    this.base = loadScenarioFile(req.scenarioFile, { overrides: req.overrides }).scenario;
    this.seeds = seedsOf(this.base, req.seeds ?? this.base.replications);
    this.strategies = req.resolveStrategies(this.base, req.strategies).map((s) => s.name);
  }

  candidates(): Candidate[] {
    const groups = this.base.instanceGroups;
    const n0 = groups.reduce((n, g) => n + g.count, 0);
    if (!this.req.types || this.req.types.length === 0) {
      const weights = groups.map((g) => g.count);
      return [
        {
          name: "scenario mix",
          start: n0,
          overrides: (n) =>
            apportion(weights, n).map((count, i) => ({
              path: ["cluster", "instances", i, "count"],
              value: count,
              origin: `berth plan (${n} instances)`,
            })),
        },
      ];
    }
    const memory0 = groups.reduce((m, g) => m + g.count * g.type.memory, 0);
    return this.typeInfos().map((t) => ({
      name: t.name,
      overrides: (n: number) => this.mixOverrides([t], [n]),
      start: Math.max(1, Math.ceil(memory0 / t.memory)),
    }));
  }

  private types: TypeInfo[] | undefined;

  /** Each --types entry's price and memory, as the catalog (or the scenario's own types) defines it. */
  typeInfos(): TypeInfo[] {
    this.types ??= (this.req.types ?? []).map((name) => {
      const t = loadScenarioFile(this.req.scenarioFile, {
        overrides: [...this.req.overrides, ...this.mixOverrides([{ name }], [1])],
      }).scenario.instanceGroups[0]!.type;
      return { name, pricePerHour: t.pricePerHour, memory: t.memory };
    });
    return this.types;
  }

  /** The cluster as counts of the given types over the union of the scenario's zones (zero counts left out). */
  private mixOverrides(types: readonly { name: string }[], counts: readonly number[]): Override[] {
    const zones = [...new Set(this.base.instanceGroups.flatMap((g) => g.zones))];
    const instances = types
      .map((t, i) => ({ type: t.name, count: counts[i]!, zones }))
      .filter((g) => g.count > 0);
    const origin =
      types.length === 1 ? `--types ${types[0]!.name}` : `--types mix (${mixText(this.typeInfos(), counts)})`;
    return [{ path: ["cluster", "instances"], value: instances, origin }];
  }

  /** Runs (or recalls) the probe: every seed of the cell, all strategies, judged against the SLOs. */
  probe(candidate: string, x: number, overrides: Override[], id = `${candidate}\u0000${x}`): Promise<Probe> {
    let p = this.probeCache.get(id);
    if (!p) {
      p = this.runProbe(candidate, x, overrides);
      this.probeCache.set(id, p);
    }
    return p;
  }

  private async runProbe(candidate: string, x: number, extra: Override[]): Promise<Probe> {
    const overrides = [...this.req.overrides, ...extra];
    const scenario = loadScenarioFile(this.req.scenarioFile, { overrides }).scenario;
    const specs = this.req.resolveStrategies(scenario, this.req.strategies);
    const records = await Promise.all(
      this.seeds.map((seed) => {
        const key = unitKey(scenario.hash, specs, seed);
        let r = this.cache.get(key);
        if (!r) {
          r = this.req.runUnit({
            key,
            cell: 0,
            seed,
            scenarioFile: this.req.scenarioFile,
            overrides,
            strategies: this.req.strategies,
          });
          this.cache.set(key, r);
        }
        return r;
      }),
    );
    const judgements = new Map<string, SloJudgement[]>();
    for (const name of this.strategies) {
      const runs = records.map((r) => r.runs.find((run) => run.strategy === name)!.metrics);
      judgements.set(
        name,
        this.req.slos.map((slo) =>
          judgeSlo(
            slo,
            runs.map((m) => metricValue(m, slo.metric)),
          ),
        ),
      );
    }
    const probe: Probe = { candidate, x, ...costOf(scenario.instanceGroups), judgements, records };
    this.probes.push(probe);
    return probe;
  }

  /** Smallest total per strategy and candidate. */
  async size(): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (const c of this.candidates()) {
      for (const strategy of this.strategies) {
        const seen = new Set<number>();
        const holds = async (n: number) => {
          seen.add(n);
          const p = await this.probe(c.name, n, c.overrides(n));
          return p.judgements.get(strategy)!.every((j) => j.holds);
        };
        const n = await smallestHolding(holds, { start: c.start, max: this.req.maxInstances ?? 4096 });
        answers.push(
          await this.answer(strategy, c.name, n, n === undefined ? undefined : c.overrides(n), seen.size),
        );
      }
    }
    if ((this.req.types?.length ?? 0) >= 2)
      for (const strategy of this.strategies)
        answers.push(
          await this.cheapestMix(
            strategy,
            answers.filter((a) => a.strategy === strategy),
          ),
        );
    return answers;
  }

  private probeMix(counts: readonly number[]): Promise<Probe> {
    const total = counts.reduce((n, c) => n + c, 0);
    return this.probe(
      "mix",
      total,
      this.mixOverrides(this.typeInfos(), counts),
      `mix\u0000${counts.join(",")}`,
    );
  }

  /**
   * The cheapest mix of the --types for one strategy (mix.ts): rays over proportions, each searched only
   * where it could beat the cheapest answer so far (starting with the single types'), then descent through
   * cheaper neighbours, at most `mixProbes` probes in all.
   */
  private async cheapestMix(strategy: string, singles: Answer[]): Promise<Answer> {
    const types = this.typeInfos();
    const max = this.req.maxInstances ?? 4096;
    const limit = this.req.mixProbes ?? 32;
    const seen = new Set<string>();
    const holds = async (counts: number[]) => {
      const id = counts.join(",");
      if (!seen.has(id) && seen.size >= limit) throw OUT_OF_PROBES;
      seen.add(id);
      const p = await this.probeMix(counts);
      return p.judgements.get(strategy)!.every((j) => j.holds);
    };
    let best: { counts: number[]; cost: number } | undefined;
    for (const a of singles) {
      if (!a.found || a.costPerHour === null || a.value === null) continue;
      const i = types.findIndex((t) => t.name === a.candidate);
      if (best && a.costPerHour >= best.cost) continue;
      best = { counts: types.map((_, j) => (j === i ? a.value! : 0)), cost: a.costPerHour };
    }
    const memory0 = this.base.instanceGroups.reduce((m, g) => m + g.count * g.type.memory, 0);
    try {
      for (const ray of mixedRays(types.length, raySteps(types.length))) {
        // Only sizes strictly cheaper than the best so far are worth a probe.
        const top = best ? largestAffordable(ray, types, best.cost - 1e-6, max) : max;
        if (top < 1) continue;
        const parts = ray.reduce((n, w) => n + w, 0);
        const memoryPerInstance = ray.reduce((m, w, i) => m + (w / parts) * types[i]!.memory, 0);
        const n = await smallestHolding((k) => holds(alongRay(ray, k)), {
          start: Math.min(top, Math.max(1, Math.ceil(memory0 / memoryPerInstance))),
          max: top,
        });
        if (n === undefined) continue;
        const counts = alongRay(ray, n);
        const cost = mixCost(types, counts);
        if (!best || cost < best.cost - 1e-9) best = { counts, cost };
      }
      for (let improved = best !== undefined; improved && best; ) {
        improved = false;
        for (const next of cheaperNeighbours(types, best.counts)) {
          if (await holds(next)) {
            best = { counts: next, cost: mixCost(types, next) };
            improved = true;
            break;
          }
        }
      }
    } catch (e) {
      if (e !== OUT_OF_PROBES) throw e;
    }
    const p = best ? await this.probeMix(best.counts) : undefined;
    return this.answerOf(strategy, "mix", p, seen.size);
  }

  /** Largest loadFactor per strategy on the scenario's own cluster. */
  async headroom(): Promise<Answer[]> {
    const answers: Answer[] = [];
    const at = (x: number): Override[] => [
      { path: ["loadFactor"], value: x, origin: `--headroom (load ${x})` },
    ];
    for (const strategy of this.strategies) {
      const seen = new Set<number>();
      const holds = async (x: number) => {
        const rounded = Number(x.toPrecision(4));
        seen.add(rounded);
        const p = await this.probe("headroom", rounded, at(rounded));
        return p.judgements.get(strategy)!.every((j) => j.holds);
      };
      const x = await largestHolding(holds, { start: 1 });
      const value = x === undefined ? undefined : Number(x.toPrecision(4));
      answers.push(
        await this.answer(
          strategy,
          "headroom",
          value,
          value === undefined ? undefined : at(value),
          seen.size,
        ),
      );
    }
    return answers;
  }

  /** Borg-style compaction: per seed, the smallest scenario-mix size that still holds (one run, no CI). */
  async compact(): Promise<CompactAnswer[]> {
    const c = this.candidates()[0]!;
    const out: CompactAnswer[] = [];
    for (const strategy of this.strategies) {
      const perSeed: CompactAnswer["perSeed"] = [];
      for (const [k, seed] of this.seeds.entries()) {
        const holds = async (n: number) => {
          const p = await this.probe(c.name, n, c.overrides(n));
          const metrics = p.records[k]!.runs.find((r) => r.strategy === strategy)!.metrics;
          return this.req.slos.every((slo) => judgeSlo(slo, [metricValue(metrics, slo.metric)]).holds);
        };
        const n = await smallestHolding(holds, { start: c.start, max: this.req.maxInstances ?? 4096 });
        perSeed.push({ seed, instances: n ?? null });
      }
      const found = perSeed
        .map((s) => s.instances)
        .filter((v): v is number => v !== null)
        .sort((a, b) => a - b);
      out.push({
        strategy,
        perSeed,
        min: found[0] ?? null,
        median: found.length > 0 ? found[Math.floor((found.length - 1) / 2)]! : null,
        max: found[found.length - 1] ?? null,
      });
    }
    return out;
  }

  private async answer(
    strategy: string,
    candidate: string,
    value: number | undefined,
    overrides: Override[] | undefined,
    probes: number,
  ): Promise<Answer> {
    const p = value === undefined || !overrides ? undefined : await this.probe(candidate, value, overrides);
    return this.answerOf(strategy, candidate, p, probes);
  }

  private answerOf(strategy: string, candidate: string, p: Probe | undefined, probes: number): Answer {
    return {
      strategy,
      candidate,
      found: p !== undefined,
      value: p ? p.x : null,
      instances: p ? p.instances : null,
      costPerHour: p ? p.costPerHour : null,
      slos: p ? p.judgements.get(strategy)! : [],
      probes,
      runs: probes * this.seeds.length,
    };
  }

  totalRuns(): number {
    return this.cache.size * this.strategies.length;
  }
}
