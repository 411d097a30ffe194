/**
 * Service-level objectives of `berth plan`: `METRIC (< | <= | > | >= | ==) VALUE`, e.g.
 * "placementDelay.p99 <= 60s" or "tasks.failedPlacement == 0". The metric and value are read like an
 * absolute regression gate (docs/statistics.md). An SLO is judged at the 95% confidence bound on the
 * unfavourable side: the upper bound for < and <=, the lower bound for > and >=, both for ==. With one
 * replication there is no interval, and the single value is used.
 */
import { parseGate } from "../../scenario/parse-gate.ts";
import { estimate } from "../../stats/confidence.ts";

export type SloOp = "<" | "<=" | ">" | ">=" | "==";

export interface Slo {
  text: string;
  metric: string;
  op: SloOp;
  value: number;
}

export interface SloJudgement {
  slo: string;
  mean: number;
  /** The bound judged (upper for <, <=; lower for >, >=; the farther from VALUE for ==). */
  bound: number;
  /** How far the bound is inside the threshold (negative: violated by that much). */
  margin: number;
  holds: boolean;
}

export function parseSlo(text: string, origin = "--slo"): Slo | string {
  const eq = /^(.*?)\s*==\s*(\S+)\s*$/.exec(text);
  const gate = parseGate(eq ? `${eq[1]} <= ${eq[2]}` : text, origin);
  if (typeof gate === "string") return gate.replace(/^gate /, "SLO ");
  if (gate.kind !== "absolute" || gate.strategy !== undefined)
    return `SLO "${text}": write METRIC (<, <=, >, >=, ==) VALUE, e.g. "placementDelay.p99 <= 60s"`;
  return { text, metric: gate.metric, op: eq ? "==" : gate.op, value: gate.value };
}

export function judgeSlo(slo: Slo, values: number[]): SloJudgement {
  const e = estimate(values);
  const upper = e.high ?? e.mean;
  const lower = e.low ?? e.mean;
  let bound: number;
  let margin: number;
  let holds: boolean;
  switch (slo.op) {
    case "<":
    case "<=":
      bound = upper;
      margin = slo.value - upper;
      holds = slo.op === "<" ? upper < slo.value : upper <= slo.value;
      break;
    case ">":
    case ">=":
      bound = lower;
      margin = lower - slo.value;
      holds = slo.op === ">" ? lower > slo.value : lower >= slo.value;
      break;
    case "==": {
      const far = Math.abs(upper - slo.value) >= Math.abs(lower - slo.value) ? upper : lower;
      bound = far;
      margin = -Math.abs(far - slo.value);
      holds = Math.abs(upper - slo.value) <= 1e-12 && Math.abs(lower - slo.value) <= 1e-12;
      break;
    }
  }
  return { slo: slo.text, mean: e.mean, bound, margin, holds };
}
