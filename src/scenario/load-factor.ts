/**
 * loadFactor: "what if traffic were x times what the scenario says". Applied to the validated scenario
 * before compilation, on every arrival form of every workload source:
 * - poisson, piecewise (every piece), sinusoid (the mean; the amplitude is relative so the shape stays):
 *   rate x L. The arrival stream's uniforms are unchanged, so at a higher L the same draws give arrivals
 *   earlier in proportion (the runs of two load factors under one seed are coupled, not independent);
 * - interval: every / L (the start is kept);
 * - burst: count -> round(count x L);
 * - schedule: the k-th listed time submits round(c x L x k) - round(c x L x (k - 1)) tasks (c = count), so
 *   the total is round(c x L x n) and no fraction is lost to rounding at each time.
 * With loadFactorServices: true, every REPLICA service's desiredCount and desiredCountChanges are also
 * multiplied and rounded (DAEMON services follow the instances, not the load).
 * - a trace (docs/traces.md): its expected copies per row (sample x replicate) x L, by keyed thinning below
 *   1 and jittered copies above, so the time profile of the trace is kept.
 * Durations, task shapes and the cluster are never changed.
 */
import type { ArrivalOutput, Scenario } from "./schema.ts";

type Rates = { ratePerHour?: number; ratePerMinute?: number; ratePerSecond?: number };

function scaleRates<T extends Rates>(r: T, f: number): T {
  const out = { ...r };
  if (out.ratePerHour !== undefined) out.ratePerHour *= f;
  if (out.ratePerMinute !== undefined) out.ratePerMinute *= f;
  if (out.ratePerSecond !== undefined) out.ratePerSecond *= f;
  return out;
}

export function scaleArrival(a: ArrivalOutput, f: number): ArrivalOutput {
  switch (a.type) {
    case "poisson":
    case "sinusoid":
      return scaleRates(a, f);
    case "piecewise":
      return { ...a, rates: a.rates.map((p) => scaleRates(p, f)) };
    case "interval":
      return { ...a, every: a.every / f };
    case "burst":
      return { ...a, count: Math.round(a.count * f) };
    case "schedule": {
      const at: number[] = [];
      a.at.forEach((t, k) => {
        const n = Math.round(a.count * f * (k + 1)) - Math.round(a.count * f * k);
        for (let i = 0; i < n; i++) at.push(t);
      });
      return { ...a, at, count: 1 };
    }
  }
}

/** The scenario as loadFactor says it should run; the same object when there is nothing to scale. */
export function applyLoadFactor(s: Scenario): Scenario {
  const f = s.loadFactor ?? 1;
  if (f === 1) return s;
  const scaleCount = (n: number) => Math.round(n * f);
  return {
    ...s,
    workload: s.workload.map((w) =>
      w.trace
        ? { ...w, trace: { ...w.trace, replicate: (w.trace.replicate ?? 1) * f } }
        : { ...w, arrival: scaleArrival(w.arrival!, f) },
    ),
    ...(s.services && s.loadFactorServices
      ? {
          services: s.services.map((sv) =>
            sv.schedulingStrategy === "DAEMON"
              ? sv
              : {
                  ...sv,
                  desiredCount: scaleCount(sv.desiredCount),
                  ...(sv.desiredCountChanges
                    ? {
                        desiredCountChanges: sv.desiredCountChanges.map((c) => ({
                          ...c,
                          desiredCount: scaleCount(c.desiredCount),
                        })),
                      }
                    : {}),
                },
          ),
        }
      : {}),
  };
}
