/**
 * Wall-clock times of a regular subsample of placement decisions (`timing.decisionTimeUs`), in bounded
 * memory. Every stride-th decision is timed (the first always is): two clock reads cost more than an index
 * decision itself. When MAX_SAMPLES are held, every other sample is dropped and the stride doubles, so the
 * samples stay an evenly spaced subsample of all decisions (every stride-th) and memory stays under
 * MAX_SAMPLES floats (512 KiB) however long the run: a run of 10 M tasks keeps 32,768 to 65,536 samples.
 * Only `timing` reads them; results outside `timing` do not depend on them.
 */
export const MAX_DECISION_SAMPLES = 65_536;

export class DecisionTimer {
  private samples = new Float64Array(1024);
  private length = 0;

  constructor(
    /** Time every stride-th decision (doubles as samples are thinned). */
    public stride: number,
  ) {}

  /** Whether decision number n (0-based) is one to time. */
  timed(n: number): boolean {
    return n % this.stride === 0;
  }

  /** Records the time of a timed decision, in microseconds. */
  record(micros: number): void {
    if (this.length === MAX_DECISION_SAMPLES) {
      // Keep samples 0, 2, 4, ...: the decisions numbered 0, 2 x stride, 4 x stride, ...
      const half = this.length >> 1;
      for (let k = 0; k < half; k++) this.samples[k] = this.samples[2 * k]!;
      this.length = half;
      this.stride *= 2;
      // This decision is number MAX x old stride = (MAX / 2) x new stride: it is kept, next in line.
    }
    if (this.length === this.samples.length) {
      const next = new Float64Array(this.samples.length * 2);
      next.set(this.samples);
      this.samples = next;
    }
    this.samples[this.length++] = micros;
  }

  /** A copy of the samples held. */
  toArray(): Float64Array {
    return this.samples.slice(0, this.length);
  }
}
