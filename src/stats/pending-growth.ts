/**
 * Does the pending queue grow without bound? A stable queue fluctuates around a level; a saturated one (more
 * work arriving than the cluster can place) grows roughly linearly for as long as the run lasts.
 *
 * Test on one run's pending series over the measured window [warmup, horizon]: split the samples into
 * BATCHES equal consecutive batches and take each batch mean. The queue is growing when the batch means
 * rise strictly from batch to batch AND the rise from the first to the last batch is material: at least
 * one task and at least MIN_RISE of the last batch mean. Batch means smooth out the sample-to-sample noise
 * (a stable queue's four batch means rise strictly by chance in about 1 run in 24, and then rarely by a
 * material amount); requiring a strict rise rejects a queue that built up and then levelled off or drained.
 * Growth is reported as the rise between the first and last batch centres, in tasks per hour.
 */

const BATCHES = 4;
const MIN_RISE = 0.1;
/** Fewer samples than this in the window: too short to tell growth from noise. */
const MIN_SAMPLES = 2 * BATCHES;

export interface PendingGrowth {
  growing: boolean;
  /** Tasks per hour between the first and last batch centres (negative when the queue shrinks). */
  perHour: number;
}

export function pendingGrowth(t: number[], pending: number[], warmup: number): PendingGrowth | null {
  const at: number[] = [];
  const values: number[] = [];
  t.forEach((time, i) => {
    if (time >= warmup) {
      at.push(time);
      values.push(pending[i]!);
    }
  });
  if (values.length < MIN_SAMPLES) return null;
  const size = Math.floor(values.length / BATCHES);
  const means: number[] = [];
  const centres: number[] = [];
  // The last batch takes the remainder so the end of the run is always in it.
  for (let b = 0; b < BATCHES; b++) {
    const from = b * size;
    const to = b === BATCHES - 1 ? values.length : from + size;
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i]!;
    means.push(sum / (to - from));
    centres.push((at[from]! + at[to - 1]!) / 2);
  }
  const first = means[0]!;
  const last = means[BATCHES - 1]!;
  const span = centres[BATCHES - 1]! - centres[0]!;
  const perHour = span > 0 ? ((last - first) / span) * 3600 : 0;
  const strictlyRising = means.every((m, i) => i === 0 || m > means[i - 1]!);
  const rise = last - first;
  return { growing: strictlyRising && rise >= 1 && rise >= MIN_RISE * last, perHour };
}
