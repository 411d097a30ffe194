/**
 * Regression gates: one line of text each, from the scenario (`gates:`) or the command line (--gate).
 *
 *   METRIC [of STRATEGY] (< | <= | > | >=) VALUE
 *   METRIC [of STRATEGY] no (worse | higher | lower) than baseline [by more than AMOUNT]
 *
 * METRIC is a dotted path of results.json's per-run metrics (placementDelay.p95, fragmentation.strandedMemory,
 * failureReasons.RESOURCE:MEMORY, dynamics.tasksLost, dynamics.services.api.availability...). STRATEGY is a name, in double quotes when it holds spaces; without
 * it, an absolute gate applies to every strategy and a baseline gate to every strategy but the baseline.
 * VALUE and AMOUNT: a number, a percentage ("15%" = 0.15 for VALUE, a relative change for AMOUNT) or a
 * duration ("30s", "2m"). "worse" uses the metric's better direction (docs/statistics.md).
 */

import { parseDuration } from "../core/duration.ts";
import { type Better, betterDirection } from "../metrics/catalog.ts";
import { isMetricPath, metricPathPatterns, serviceMetric } from "../metrics/metric-paths.ts";

export type Comparison = "<" | "<=" | ">" | ">=";

interface GateBase {
  text: string;
  /** Where the gate was declared: "file:line:col gates[0]" or "--gate". */
  origin: string;
  metric: string;
  strategy?: string;
}

export interface AbsoluteGate extends GateBase {
  kind: "absolute";
  op: Comparison;
  value: number;
}

export interface BaselineGate extends GateBase {
  kind: "baseline";
  /** The direction that counts as worse: "higher" means an increase is a regression. */
  worse: Better;
  /** Allowed worsening: a fraction of the baseline mean (relative) or metric units (absolute). */
  limit: number;
  relative: boolean;
}

export type Gate = AbsoluteGate | BaselineGate;

const HEAD = /^\s*(\S+)(?:\s+of\s+(?:"([^"]+)"|(\S+)))?\s+(.*?)\s*$/i;
const ABSOLUTE = /^(<=|>=|<|>)\s*(\S+)$/;
const BASELINE = /^no\s+(worse|higher|lower)\s+than\s+baseline(?:\s+by\s+more\s+than\s+(\S+))?$/i;

/**
 * The gate, or a one-line message saying what is wrong with it. `services`: the scenario's service names,
 * which a dynamics.services.<SERVICE>.<FIELD> gate must name.
 */
export function parseGate(text: string, origin: string, services: readonly string[] = []): Gate | string {
  const head = HEAD.exec(text);
  if (!head) return `cannot read gate "${text}" (expected e.g. "placementDelay.p95 < 30s")`;
  const metric = head[1]!;
  const strategy = head[2] ?? head[3];
  const rest = head[4]!;
  if (metric.startsWith("decisionTime") || metric.startsWith("timing")) {
    return `gate "${text}": ${metric} is wall-clock time, which differs between runs; gates read only simulated metrics`;
  }
  if (!isMetricPath(metric)) return `gate "${text}": unknown metric "${metric}" (${knownNear(metric)})`;
  const service = serviceMetric(metric)?.service;
  if (service !== undefined && !services.includes(service)) {
    const known = services.length > 0 ? `services: ${services.join(", ")}` : "the scenario has no services";
    return `gate "${text}": no service "${service}" (${known})`;
  }
  const base = { text, origin, metric, ...(strategy !== undefined ? { strategy } : {}) };

  const abs = ABSOLUTE.exec(rest);
  if (abs) {
    const value = parseAmount(abs[2]!, false);
    if (value === undefined) return `gate "${text}": cannot read the value "${abs[2]}"`;
    return { ...base, kind: "absolute", op: abs[1] as Comparison, value };
  }
  const rel = BASELINE.exec(rest);
  if (rel) {
    const word = rel[1]!.toLowerCase();
    let worse: Better;
    if (word === "worse") {
      const better = betterDirection(metric);
      if (better === undefined) {
        return `gate "${text}": ${metric} has no better direction; say "no higher" or "no lower" than baseline`;
      }
      worse = better === "lower" ? "higher" : "lower";
    } else {
      worse = word === "higher" ? "higher" : "lower";
    }
    const amountText = rel[2] ?? "0";
    const relative = amountText.endsWith("%");
    const limit = parseAmount(amountText, true);
    if (limit === undefined || limit < 0) {
      return `gate "${text}": cannot read the amount "${amountText}" (a number, percentage or duration >= 0)`;
    }
    return { ...base, kind: "baseline", worse, limit, relative };
  }
  return (
    `gate "${text}": expected "< VALUE", "<= VALUE", "> VALUE", ">= VALUE" or ` +
    `"no worse than baseline by more than AMOUNT" after the metric${strategy ? " and strategy" : ""}`
  );
}

/** "15%" -> 0.15, "30s" -> 30, "0.2" -> 0.2, "-1" -> -1 (VALUE only). */
function parseAmount(text: string, nonNegative: boolean): number | undefined {
  const pct = /^(-?\d+(?:\.\d+)?)%$/.exec(text);
  if (pct) return Number(pct[1]) / 100;
  if (/^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i.test(text)) {
    const n = Number(text);
    return nonNegative && n < 0 ? undefined : n;
  }
  return parseDuration(text);
}

function knownNear(metric: string): string {
  const group = metric.split(".")[0]!;
  const inGroup = metricPathPatterns().filter((p) => p.startsWith(`${group}.`));
  if (inGroup.length > 0)
    return `known under ${group}: ${inGroup.map((p) => p.slice(group.length + 1)).join(", ")}`;
  const groups = [...new Set(metricPathPatterns().map((p) => p.split(".")[0]!)), "failureReasons"];
  return `metric groups: ${groups.join(", ")}; see docs/metrics.md`;
}
