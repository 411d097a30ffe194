/**
 * Workload sources: when standalone tasks arrive (RunTask), which task definition each one runs (mix by
 * weight), how long it runs, and which capacity provider it uses.
 *
 * Arrival processes, all drawn from the source's own `arrivals/k` stream:
 * - poisson: exponential gaps of mean 1/rate;
 * - interval: start, start + every, ...;  burst: `count` tasks at `at`;  schedule: `count` tasks at each time;
 * - piecewise: a Poisson process whose rate is constant on each piece; by inversion, one Exp(1) draw E per
 *   arrival and the next arrival is where the integral of the rate from now reaches E (zero-rate pieces are
 *   skipped; after the last piece the last rate holds);
 * - sinusoid: rate(t) = mean x (1 + amplitude x cos(2 pi (t - peakAt) / period)), by thinning: candidates
 *   from a Poisson process at the peak rate mean x (1 + amplitude), each kept with probability
 *   rate(t) / peak (two draws per candidate).
 * Mix choices come from `mix/k`, durations from `durations/k`, so every strategy sees the same tasks.
 */
import { compileDistribution, type Sampler } from "../core/distributions.ts";
import { createStream, type Rng } from "../core/random.ts";
import type { WorkloadSource } from "../scenario/compile-dynamics.ts";
import { chooseShare } from "./capacity-providers.ts";
import type { Engine } from "./engine.ts";
import { ARRIVAL } from "./events.ts";
import { TraceWorkload } from "./trace-workload.ts";

interface SourceState {
  spec: WorkloadSource;
  groups: number[];
  arrivals: Rng;
  durations: Rng;
  mix: Rng;
  samplers: Sampler[];
  cumulativeWeights: number[];
  ratePerSecond: number;
  arrivalsSoFar: number;
  /** Tasks submitted so far (a burst submits several per arrival): keys per-task fault draws. */
  tasksSoFar: number;
  providerCounts: Int32Array;
  /** piecewise: pieces sorted by start; schedule: times sorted. */
  pieces: Piece[];
  times: number[];
}

export class Workload {
  private readonly sources: SourceState[];
  /** Trace replays (docs/traces.md), for the sources that have one. */
  private readonly traces: TraceWorkload;

  constructor(private readonly engine: Engine) {
    engine.context.events.on(ARRIVAL, (k, now) => this.arrive(k, now));
    const seed = engine.seed;
    this.traces = new TraceWorkload(engine);
    this.sources = engine.scenario.sources.map((spec, k) => {
      let total = 0;
      return {
        spec,
        groups: spec.mix.map((m) => engine.groups.id(m.group)),
        arrivals: createStream(seed, `arrivals/${k}`),
        durations: createStream(seed, `durations/${k}`),
        mix: createStream(seed, `mix/${k}`),
        samplers: spec.mix.map((m) => compileDistribution(m.duration)),
        cumulativeWeights: spec.mix.map((m) => (total += m.weight)),
        ratePerSecond: meanRate(spec.arrival),
        arrivalsSoFar: 0,
        tasksSoFar: 0,
        providerCounts: new Int32Array(spec.providerStrategy.length),
        pieces: spec.arrival.type === "piecewise" ? sortPieces(spec.arrival.rates.map(pieceRate)) : [],
        times: spec.arrival.type === "schedule" ? [...spec.arrival.at].sort((x, y) => x - y) : [],
      };
    });
  }

  /** Schedules the first arrival of every source. */
  begin(): void {
    this.sources.forEach((_, k) => {
      if (this.traces.handles(k)) this.traces.begin(k);
      else this.scheduleNext(k, 0);
    });
  }

  /** ARRIVAL event of source k. */
  arrive(k: number, now: number): void {
    if (this.traces.handles(k)) {
      this.traces.arrive(k, now);
      return;
    }
    const s = this.sources[k]!;
    const a = s.spec.arrival;
    const n = a.type === "burst" || a.type === "schedule" ? a.count : 1;
    for (let c = 0; c < n; c++) this.submitOne(s, k, now);
    this.scheduleNext(k, now);
  }

  private submitOne(s: SourceState, k: number, now: number): void {
    let entry = 0;
    if (s.spec.mix.length > 1) {
      const target = s.mix() * s.cumulativeWeights[s.cumulativeWeights.length - 1]!;
      while (s.cumulativeWeights[entry]! <= target && entry < s.cumulativeWeights.length - 1) entry++;
    }
    const m = s.spec.mix[entry]!;
    const e = this.engine;
    const ordinal = s.tasksSoFar++;
    const id = e.newTask(m.shape, k, s.groups[entry]!, now, s.samplers[entry]!(s.durations));
    e.tasks.setOrdinal(id, ordinal);
    const shares = s.spec.providerStrategy;
    if (shares.length > 0) {
      const j = chooseShare(shares, s.providerCounts);
      s.providerCounts[j]!++;
      e.tasks.setProvider(id, shares[j]!.provider);
    }
    e.submit(id, now);
  }

  private scheduleNext(k: number, now: number): void {
    const s = this.sources[k]!;
    const t = this.nextTime(s, now);
    s.arrivalsSoFar++;
    if (t <= this.engine.horizon) this.engine.push(t, ARRIVAL, k);
  }

  private nextTime(s: SourceState, now: number): number {
    const a = s.spec.arrival;
    const first = s.arrivalsSoFar === 0;
    switch (a.type) {
      case "poisson":
        return now - Math.log(1 - s.arrivals()) / s.ratePerSecond;
      case "interval":
        return (a.start ?? 0) + s.arrivalsSoFar * a.every;
      case "burst":
        return first ? a.at : Number.POSITIVE_INFINITY;
      case "schedule":
        return s.times[s.arrivalsSoFar] ?? Number.POSITIVE_INFINITY;
      case "piecewise":
        return nextPiecewise(s.pieces, now, -Math.log(1 - s.arrivals()));
      case "sinusoid": {
        const peak = s.ratePerSecond * (1 + a.amplitude);
        let t = now;
        for (;;) {
          t -= Math.log(1 - s.arrivals()) / peak;
          if (t > this.engine.horizon) return t;
          const rate =
            s.ratePerSecond * (1 + a.amplitude * Math.cos((2 * Math.PI * (t - a.peakAt)) / a.period));
          if (s.arrivals() * peak < rate) return t;
        }
      }
    }
  }
}

export interface Piece {
  from: number;
  rate: number;
}

function pieceRate(p: {
  from: number;
  ratePerHour?: number;
  ratePerMinute?: number;
  ratePerSecond?: number;
}): Piece {
  return { from: p.from, rate: perSecond(p) };
}

function perSecond(a: {
  ratePerHour?: number | undefined;
  ratePerMinute?: number | undefined;
  ratePerSecond?: number | undefined;
}): number {
  if (a.ratePerSecond !== undefined) return a.ratePerSecond;
  if (a.ratePerMinute !== undefined) return a.ratePerMinute / 60;
  return (a.ratePerHour ?? 0) / 3600;
}

function meanRate(a: WorkloadSource["arrival"]): number {
  return a.type === "poisson" || a.type === "sinusoid" ? perSecond(a) : 0;
}

export function sortPieces(pieces: Piece[]): Piece[] {
  return [...pieces].sort((x, y) => x.from - y.from);
}

/**
 * The time after `now` where the integrated rate reaches `work` (an Exp(1) draw). `sorted` is ordered by
 * `from`; the first piece's rate applies from 0 whatever its `from`.
 */
export function nextPiecewise(sorted: Piece[], now: number, work: number): number {
  let t = now;
  let left = work;
  for (let p = 0; p < sorted.length; p++) {
    const rate = sorted[p]!.rate;
    const end = p + 1 < sorted.length ? sorted[p + 1]!.from : Number.POSITIVE_INFINITY;
    if (end <= t) continue;
    if (rate > 0) {
      const reach = t + left / rate;
      if (reach <= end) return reach;
      left -= (end - t) * rate;
    }
    t = end;
  }
  return Number.POSITIVE_INFINITY;
}
