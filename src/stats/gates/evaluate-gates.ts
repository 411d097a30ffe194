/**
 * Evaluates gates against a comparison's estimates. The decision uses point estimates (the mean over
 * replications, or the mean paired difference); the 95% CI is reported beside it so a reader can tell a
 * real regression from noise. A gate naming a strategy that did not run is skipped, never passed silently.
 *
 *   absolute:  trips when NOT (mean OP value);                 excess = how far the mean is past the value
 *   baseline:  w = +d (worse = higher) or -d (worse = lower), d = mean paired difference strategy - baseline
 *              relative limit: trips when w / |baseline mean| > limit (any w > 0 when the baseline mean is 0)
 *              absolute limit: trips when w > limit;            excess = w (or w / |mean|) minus the limit
 */
import { serviceMetric } from "../../metrics/metric-paths.ts";
import type { Gate } from "../../scenario/parse-gate.ts";
import type { Estimate } from "../confidence.ts";
import type { PairedDifference, PairedTree } from "../paired.ts";
import type { EstimateTree } from "../summarize-runs.ts";

export interface GateSubject {
  name: string;
  summary: EstimateTree;
  /** Paired differences against the baseline; null for the baseline itself. */
  paired: PairedTree | null;
}

export interface GateResult {
  gate: string;
  origin: string;
  strategy: string;
  metric: string;
  status: "passed" | "tripped" | "skipped";
  /** The compared figure: the mean (absolute) or the mean paired difference (baseline gates). */
  observed: number | null;
  ci95: number | null;
  /** For baseline gates: the relative change against the baseline mean. */
  relativeChange: number | null;
  /** How far past the limit, in the gate's units (fraction for % gates); 0 unless tripped. */
  excess: number;
  message: string;
}

export function evaluateGates(gates: Gate[], subjects: GateSubject[], baseline: string): GateResult[] {
  const results: GateResult[] = [];
  for (const gate of gates) {
    const names = gate.strategy
      ? [gate.strategy]
      : subjects.map((s) => s.name).filter((n) => gate.kind === "absolute" || n !== baseline);
    for (const name of names) {
      const subject = subjects.find((s) => s.name === name);
      if (!subject) {
        results.push(skipped(gate, name, `strategy "${name}" did not run`));
      } else if (gate.kind === "absolute") {
        results.push(absolute(gate, subject));
      } else if (name === baseline) {
        results.push(skipped(gate, name, `"${name}" is the baseline`));
      } else {
        results.push(versusBaseline(gate, subject, baseline));
      }
    }
  }
  return results;
}

function absolute(gate: Gate & { kind: "absolute" }, s: GateSubject): GateResult {
  const e = (leaf(s.summary, gate.metric) as Estimate | undefined) ?? zeroEstimate();
  const m = e.mean;
  const ok =
    gate.op === "<"
      ? m < gate.value
      : gate.op === "<="
        ? m <= gate.value
        : gate.op === ">"
          ? m > gate.value
          : m >= gate.value;
  const excess = ok ? 0 : Math.abs(m - gate.value);
  const ci = e.ci95 === null ? "no CI (one replication)" : `95% CI ${fmt(e.low!)} .. ${fmt(e.high!)}`;
  const message = ok
    ? `${gate.metric} of ${s.name} = ${fmt(m)} (${ci}), ${gate.op} ${fmt(gate.value)} holds`
    : `${gate.metric} of ${s.name} = ${fmt(m)} (${ci}), limit ${gate.op} ${fmt(gate.value)}: off by ${fmt(excess)}`;
  return result(gate, s.name, ok, m, e.ci95, null, excess, message);
}

function versusBaseline(gate: Gate & { kind: "baseline" }, s: GateSubject, baseline: string): GateResult {
  const d = (s.paired && (leaf(s.paired, gate.metric) as PairedDifference | undefined)) ?? zeroDifference();
  const sign = gate.worse === "higher" ? 1 : -1;
  const worsening = sign * d.meanDifference;
  const base = Math.abs(d.baselineMean);
  let measure: number;
  if (!gate.relative) measure = worsening;
  else if (base > 0) measure = worsening / base;
  else measure = worsening > 0 ? Number.POSITIVE_INFINITY : 0;
  const ok = measure <= gate.limit;
  const excess = ok ? 0 : measure - gate.limit;
  const rel = d.relativeChange === null ? "baseline mean 0" : `${signed(pct(d.relativeChange))}`;
  const ci =
    d.ci95 === null
      ? "no CI (one replication)"
      : `95% CI ${signed(fmt(d.low!))} .. ${signed(fmt(d.high!))}` +
        (base > 0 ? ` = ${signed(pct(d.low! / base))} .. ${signed(pct(d.high! / base))}` : "") +
        (d.significant ? ", significant" : ", not significant");
  const limit = gate.relative ? pct(gate.limit) : fmt(gate.limit);
  const head = `${gate.metric} of ${s.name} vs ${baseline}: ${signed(fmt(d.meanDifference))} (${rel}; ${ci})`;
  const by = gate.relative ? (Number.isFinite(excess) ? `${pct(excess)} points` : "any amount") : fmt(excess);
  const message = ok
    ? `${head}, within ${limit} ${gate.worse === "higher" ? "increase" : "decrease"}`
    : `${head}: ${gate.worse === "higher" ? "higher" : "lower"} by more than ${limit}, exceeded by ${by}`;
  return result(gate, s.name, ok, d.meanDifference, d.ci95, d.relativeChange, excess, message);
}

function result(
  gate: Gate,
  strategy: string,
  ok: boolean,
  observed: number,
  ci95: number | null,
  relativeChange: number | null,
  excess: number,
  message: string,
): GateResult {
  return {
    gate: gate.text,
    origin: gate.origin,
    strategy,
    metric: gate.metric,
    status: ok ? "passed" : "tripped",
    observed,
    ci95,
    relativeChange,
    excess: Number.isFinite(excess) ? excess : Number.MAX_VALUE,
    message,
  };
}

function skipped(gate: Gate, strategy: string, why: string): GateResult {
  return {
    gate: gate.text,
    origin: gate.origin,
    strategy,
    metric: gate.metric,
    status: "skipped",
    observed: null,
    ci95: null,
    relativeChange: null,
    excess: 0,
    message: `skipped: ${why}`,
  };
}

function leaf(tree: object, path: string): unknown {
  // Metric paths have no dots inside keys except failure reasons (one level under failureReasons) and
  // service names (dynamics.services.<SERVICE>.<FIELD>).
  const [head, ...rest] = path.split(".");
  const service = serviceMetric(path);
  const keys = service
    ? ["dynamics", "services", service.service, service.field]
    : head === "failureReasons"
      ? [head, rest.join(".")]
      : [head!, ...rest];
  let node: unknown = tree;
  for (const k of keys) node = (node as Record<string, unknown> | undefined)?.[k];
  return node;
}

/** A metric absent from every run (a failure reason never seen) is 0 in all of them. */
function zeroEstimate(): Estimate {
  return { mean: 0, ci95: null, low: null, high: null, n: 0 };
}

function zeroDifference(): PairedDifference {
  return {
    meanDifference: 0,
    ci95: null,
    low: null,
    high: null,
    n: 0,
    baselineMean: 0,
    relativeChange: null,
    significant: false,
  };
}

const fmt = (v: number) => String(Number(v.toPrecision(4)));
const pct = (v: number) => `${Number((v * 100).toPrecision(4))}%`;
const signed = (text: string) => (text.startsWith("-") ? text : `+${text}`);

export function trippedGates(results: GateResult[]): GateResult[] {
  return results.filter((r) => r.status === "tripped");
}
