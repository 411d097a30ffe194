/**
 * The ECS placement pipeline for one task:
 *   1. keep instances with the CPU, memory, GPUs, ENIs and ports the task needs;
 *   2. rank the survivors with the strategy chain, lexicographically;
 *   3. pick uniformly at random among those tied on every rank.
 * When nothing survives step 1 the outcome names the reason that excluded the most instances (ties go to
 * the earlier check: cpu, memory, gpu, eni, ports), like RunTask's RESOURCE:MEMORY.
 */
import type { Rng } from "../core/random.ts";
import { type Cluster, MISFIT_REASON, Misfit } from "../model/cluster.ts";
import type { Decision, Ranker } from "./step.ts";

export class Placer {
  private readonly best: Float64Array;
  private readonly misfits = new Int32Array(MISFIT_REASON.length);
  /** Why the last failed decision failed. */
  failureReason = "";

  constructor(
    private readonly cluster: Cluster,
    private readonly rankers: Ranker[],
    private readonly tieBreak: Rng,
  ) {
    this.best = new Float64Array(Math.max(1, rankers.length));
  }

  /**
   * The chosen instance, or -1. Candidates default to every instance; `candidates` (first `count` entries)
   * restricts the scan when the caller knows no other instance can fit.
   */
  choose(decision: Decision, candidates?: Int32Array, count = 0): number {
    const { cluster, rankers, best } = this;
    const k = rankers.length;
    const n = candidates ? count : cluster.count;
    let chosen = -1;
    let ties = 0;
    const misfits = this.misfits;
    misfits.fill(0);
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
        ties = 1;
      } else if (verdict === 0) {
        ties++;
        if (this.tieBreak() * ties < 1) chosen = i;
      }
    }
    if (chosen < 0) this.failureReason = this.explainMisfits();
    return chosen;
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
