/**
 * The ECS placement pipeline for one task:
 *   1. keep instances with the CPU, memory, GPUs, ENIs and ports the task needs;
 *   2. keep instances that satisfy every placement constraint of the task (skipped when it has none);
 *   3. keep instances that pass every strategy filter of the chain;
 *   4. either hand the survivors to the chain's place() step, or rank them with the chain's scores,
 *      lexicographically, and pick uniformly at random among those tied on every score: one draw u from
 *      the tie-break stream when m >= 2 instances tie, choosing the floor(u * m)-th of them in instance id
 *      order. One draw per tied decision (not one per tied candidate) lets an index that knows m and can
 *      find the k-th tied instance reproduce the scan exactly (index/placement-index.ts).
 * Indexed fast path: a chain of built-in steps (index/create-index.ts: one step, several steps, spread over
 * an attribute) for a task without constraints is answered by a placement index in O(log n) with the same
 * choice and draws; an index that cannot answer (too many attribute cells) returns SCAN and the scan runs.
 * When nothing survives, the outcome names the check that excluded the most instances (ties go to the
 * earlier check: cpu, memory, gpu, eni, ports, then constraints, then filters), like RunTask's
 * RESOURCE:MEMORY.
 *
 * A strategy that throws, returns NaN, or whose place() returns an unknown or infeasible instance stops the
 * run with a StrategyError naming the strategy, the task and the simulated time.
 */
import { atLeast } from "../core/growable.ts";
import type { Rng } from "../core/random.ts";
import { type Cluster, MISFIT_REASON, Misfit, type PlacementShape } from "../model/cluster.ts";
import { taskIdText } from "../model/task-table.ts";
import { MAX_CONSTRAINTS } from "./constraints.ts";
import { SCAN } from "./index/chain-index.ts";
import type { DecisionIndex } from "./index/create-index.ts";
import type { CompiledChain } from "./registry.ts";
import { StrategyError } from "./strategy.ts";
import { type Decision, ReadonlyTask } from "./task-view.ts";

export class Placer {
  private readonly best: Float64Array;
  private readonly misfits = new Int32Array(MISFIT_REASON.length);
  private readonly constraintMisses = new Int32Array(MAX_CONSTRAINTS);
  private readonly filterMisses: Int32Array;
  private readonly feasible: number[] = [];
  /** Instances tied on every score so far, in scan order. */
  private tied = new Int32Array(64);
  /** A failed indexed decision whose reason is counted only when someone asks for it. */
  private unexplained: Decision | null = null;
  private reason = "";
  /** The last counted reason of an indexed failure, its shape and the cluster version it was counted at. */
  private explained = { shape: null as PlacementShape | null, version: -1, reason: "" };
  /** What hooks see of the decision: read-only. */
  private view: ReadonlyTask | null = null;

  constructor(
    private readonly cluster: Cluster,
    readonly chain: CompiledChain,
    private readonly tieBreak: Rng,
    /** The strategy's name, for error messages. */
    readonly strategyName = chain.names.join(" > "),
    private readonly index?: DecisionIndex,
  ) {
    this.best = new Float64Array(Math.max(1, chain.scores.length));
    this.filterMisses = new Int32Array(chain.filters.length);
  }

  /** Why the last failed decision failed (RESOURCE:MEMORY, a constraint, ...), counted on demand. */
  get failureReason(): string {
    if (this.unexplained !== null) {
      const d = this.unexplained;
      this.unexplained = null;
      this.explainIndexed(d);
    }
    return this.reason;
  }

  /**
   * The reason of a failed indexed decision. The index answers only tasks without constraints; when the
   * chain has no filters and no place() step either, the reason is a function of the task's shape and the
   * instances' state alone (which check excludes the most instances), so it is counted again only when the
   * shape differs or an instance changed since the last count (Cluster.version). An overloaded queue asks
   * once per arriving task, mostly with nothing changed in between.
   */
  private explainIndexed(d: Decision): void {
    const e = this.explained;
    const cacheable = this.chain.filters.length === 0 && this.chain.place === null;
    if (cacheable && e.shape === d.placement && e.version === this.cluster.version) {
      this.reason = e.reason;
      return;
    }
    this.scanAll(d);
    if (cacheable) {
      e.shape = d.placement;
      e.version = this.cluster.version;
      e.reason = this.reason;
    }
  }

  /**
   * The chosen instance, or -1. Candidates default to every instance; `candidates` (first `count` entries)
   * narrow the search when the caller knows no other instance can fit (a hint: the answer equals the
   * whole cluster's), or, with `restricted`, limit it (capacity providers).
   */
  choose(decision: Decision, candidates?: Int32Array, count = 0, restricted = false): number {
    this.unexplained = null;
    if (this.index !== undefined && decision.constraints === null && !restricted) {
      const i = this.index.choose(decision);
      if (i !== SCAN) {
        if (i < 0) this.unexplained = decision;
        return i;
      }
    }
    if (this.view === null) this.view = new ReadonlyTask(decision);
    else ReadonlyTask.show(this.view, decision);
    try {
      return this.scan(decision, candidates, count);
    } catch (e) {
      if (e instanceof StrategyError) throw e;
      throw this.failure(decision, `threw ${(e as Error)?.message ?? String(e)}`);
    }
  }

  /** The scan over every instance, for the failure reason of an indexed decision (draws nothing on failure). */
  private scanAll(decision: Decision): void {
    if (this.view === null) this.view = new ReadonlyTask(decision);
    else ReadonlyTask.show(this.view, decision);
    this.scan(decision, undefined, 0);
  }

  private scan(decision: Decision, candidates: ArrayLike<number> | undefined, count: number): number {
    const { cluster, best, chain } = this;
    const task = this.view!;
    const scores = chain.scores;
    const filters = chain.filters;
    const k = scores.length;
    const n = candidates ? count : cluster.count;
    const constraints = decision.constraints;
    const collect = chain.place !== null;
    const feasible = this.feasible;
    if (collect) feasible.length = 0;
    let chosen = -1;
    let ties = 0;
    this.tied = atLeast(this.tied, n);
    const tied = this.tied;
    const misfits = this.misfits;
    misfits.fill(0);
    if (constraints !== null) this.constraintMisses.fill(0);
    if (filters.length > 0) this.filterMisses.fill(0);
    scan: for (let c = 0; c < n; c++) {
      const i = candidates ? candidates[c]! : c;
      const why = cluster.misfit(decision.placement, i);
      if (why !== Misfit.None) {
        misfits[why]!++;
        continue;
      }
      if (constraints !== null) {
        const failed = constraints.firstFailing(i);
        if (failed >= 0) {
          this.constraintMisses[failed]!++;
          continue;
        }
      }
      for (let f = 0; f < filters.length; f++) {
        if (!filters[f]!.test(i, task)) {
          this.filterMisses[f]!++;
          continue scan;
        }
      }
      if (collect) {
        feasible.push(i);
        continue;
      }
      if (chosen < 0) {
        for (let j = 0; j < k; j++) best[j] = this.score(j, i, decision);
        chosen = i;
        tied[0] = i;
        ties = 1;
        continue;
      }
      let verdict = 0; // -1 better, 0 tied, 1 worse
      for (let j = 0; j < k; j++) {
        const r = this.score(j, i, decision);
        if (r < best[j]!) {
          best[j] = r;
          for (let m = j + 1; m < k; m++) best[m] = this.score(m, i, decision);
          verdict = -1;
          break;
        }
        if (r > best[j]!) {
          verdict = 1;
          break;
        }
      }
      if (verdict === -1) {
        chosen = i;
        tied[0] = i;
        ties = 1;
      } else if (verdict === 0) {
        tied[ties++] = i;
      }
    }
    if (collect && feasible.length > 0) chosen = this.placeWhole(decision);
    if (chosen < 0) {
      this.reason = this.explainMisses(decision);
      return -1;
    }
    if (collect || ties < 2) return chosen;
    // Candidate lists come in change order; the draw indexes the tied instances in id order.
    if (candidates) tied.subarray(0, ties).sort();
    return tied[Math.floor(this.tieBreak() * ties)]!;
  }

  private score(j: number, i: number, decision: Decision): number {
    const r = this.chain.scores[j]!(i, this.view!);
    if (typeof r !== "number" || Number.isNaN(r))
      throw this.failure(
        decision,
        `${this.chain.scoreNames[j]}.score returned ${String(r)} for ${this.cluster.ids[i]}`,
      );
    return r;
  }

  private placeWhole(decision: Decision): number {
    const place = this.chain.place!;
    const offered = this.feasible.slice();
    const r = place.decide(this.view!, offered);
    if (r === -1) return -1;
    if (!Number.isInteger(r) || r < 0 || r >= this.cluster.count)
      throw this.failure(decision, `${place.name}.place returned ${String(r)}, which is no instance id`);
    if (!this.feasible.includes(r)) {
      const why = this.cluster.misfit(decision.placement, r);
      const detail =
        why !== Misfit.None
          ? `it does not fit (${MISFIT_REASON[why]})`
          : "it fails a constraint or filter of the task";
      throw this.failure(decision, `${place.name}.place returned ${this.cluster.ids[r]}, but ${detail}`);
    }
    return r;
  }

  private failure(decision: Decision, what: string): StrategyError {
    return new StrategyError(
      `strategy "${this.strategyName}" ${what} while placing task ${decision.id >= 0 ? taskIdText(decision.id) : "(probe)"} ` +
        `(${decision.family}) at t=${Number(decision.time.toFixed(3))}s`,
    );
  }

  private explainMisses(decision: Decision): string {
    let reason = "";
    let most = 0;
    for (let r = 1; r < this.misfits.length; r++) {
      if (r === Misfit.NotActive) continue;
      if (this.misfits[r]! > most) {
        most = this.misfits[r]!;
        reason = MISFIT_REASON[r]!;
      }
    }
    const checks = decision.constraints?.checks ?? [];
    for (let c = 0; c < checks.length; c++) {
      if (this.constraintMisses[c]! > most) {
        most = this.constraintMisses[c]!;
        reason = checks[c]!.reason;
      }
    }
    const filters = this.chain.filters;
    for (let f = 0; f < filters.length; f++) {
      if (this.filterMisses[f]! > most) {
        most = this.filterMisses[f]!;
        reason = `STRATEGY:${filters[f]!.name}`;
      }
    }
    if (reason === "" && this.chain.place !== null && this.feasible.length > 0)
      return `STRATEGY:${this.chain.place.name}`;
    return reason === "" ? "NO_ACTIVE_INSTANCES" : reason;
  }
}
