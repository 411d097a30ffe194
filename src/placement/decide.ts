/**
 * The ECS placement pipeline for one task:
 *   1. keep instances with the CPU, memory, GPUs, ENIs and ports the task needs;
 *   2. rank the survivors with the strategy chain, lexicographically;
 *   3. pick uniformly at random among those tied on every rank: one draw u from the tie-break stream when
 *      m >= 2 instances tie, choosing the floor(u * m)-th of them in registration (instance id) order.
 *      (One draw per tied decision, not one per tied candidate, so an index that knows m and can find the
 *      k-th tied instance reproduces the scan's choice exactly: see index/placement-index.ts.)
 * When nothing survives step 1 the outcome names the reason that excluded the most instances (ties go to
 * the earlier check: cpu, memory, gpu, eni, ports), like RunTask's RESOURCE:MEMORY.
 */
import type { Rng } from "../core/random.ts";
import { type Cluster, MISFIT_REASON, Misfit, type PlacementShape } from "../model/cluster.ts";
import type { PlacementIndex } from "./index/placement-index.ts";
import type { Decision, Ranker } from "./step.ts";

export class Placer {
  private readonly best: Float64Array;
  private readonly misfits = new Int32Array(MISFIT_REASON.length);
  /** Instances tied on every rank so far, in scan order. */
  private tied = new Int32Array(64);
  /** The shape of the last failed indexed decision, whose misfits are counted only if someone asks why. */
  private unexplained: PlacementShape | undefined;

  constructor(
    private readonly cluster: Cluster,
    private readonly rankers: Ranker[],
    private readonly tieBreak: Rng,
    private readonly index?: PlacementIndex,
  ) {
    this.best = new Float64Array(Math.max(1, rankers.length));
  }

  /** Why the last failed decision failed (computed on demand). */
  get failureReason(): string {
    if (this.unexplained) {
      this.countMisfits(this.unexplained);
      this.unexplained = undefined;
    }
    return this.explainMisfits();
  }

  /**
   * The chosen instance, or -1. Candidates default to every instance; `candidates` (first `count` entries)
   * restricts the scan when the caller knows no other instance can fit.
   */
  choose(decision: Decision, candidates?: Int32Array, count = 0): number {
    this.unexplained = undefined;
    // Indexed fast path (issue 6): the same choice and the same draws as the scan below, without visiting
    // every instance. The index answers for the whole cluster, which equals the candidates' answer (see
    // simulate.ts step 4). Chains it does not cover fall through to the scan.
    if (this.index) {
      const i = this.index.choose(decision);
      if (i < 0) this.unexplained = decision.shape;
      return i;
    }
    const { cluster, rankers, best } = this;
    const k = rankers.length;
    const n = candidates ? count : cluster.count;
    let chosen = -1;
    let ties = 0;
    const misfits = this.misfits;
    misfits.fill(0);
    if (this.tied.length < n) this.tied = new Int32Array(Math.max(n, this.tied.length * 2));
    const tied = this.tied;
    for (let c = 0; c < n; c++) {
      const i = candidates ? candidates[c]! : c;
      const why = cluster.misfit(decision.shape, i);
      if (why !== Misfit.None) {
        misfits[why]!++;
        continue;
      }
      if (chosen < 0) {
        for (let j = 0; j < k; j++) best[j] = rankers[j]!.rank(i, decision);
        chosen = i;
        tied[0] = i;
        ties = 1;
        continue;
      }
      let verdict = 0; // -1 better, 0 tied, 1 worse
      for (let j = 0; j < k; j++) {
        const r = rankers[j]!.rank(i, decision);
        if (r < best[j]!) {
          best[j] = r;
          for (let m = j + 1; m < k; m++) best[m] = rankers[m]!.rank(i, decision);
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
    if (ties < 2) return chosen;
    // Candidate lists come in change order; the draw indexes the tied instances in id order.
    if (candidates) tied.subarray(0, ties).sort();
    return tied[Math.floor(this.tieBreak() * ties)]!;
  }

  /** Counts, over every instance, the first check that excludes it. */
  private countMisfits(shape: PlacementShape): void {
    const misfits = this.misfits;
    misfits.fill(0);
    for (let i = 0; i < this.cluster.count; i++) misfits[this.cluster.misfit(shape, i)]!++;
  }

  private explainMisfits(): string {
    let best = 0;
    for (let r = 1; r < this.misfits.length; r++) {
      if (r === Misfit.NotActive) continue;
      if (this.misfits[r]! > (best === 0 ? 0 : this.misfits[best]!)) best = r;
    }
    return best === 0 ? "NO_ACTIVE_INSTANCES" : MISFIT_REASON[best]!;
  }
}
