/**
 * The verdict in words, shared by the terminal, summary.md and the HTML report so all three say the same
 * thing. The sentences are plain text holding user-written names: each renderer escapes them whole for its
 * medium (escapeHtml, markdownText, terminalText).
 */
import { columnFormat, relative } from "./units.ts";
import type { TradeOff, Verdict, VerdictEntry } from "./verdict.ts";

interface Difference {
  meanDifference: number;
  low: number | null;
  high: number | null;
  relativeChange: number | null;
}

function comparative(e: Pick<VerdictEntry, "unit">, lower: boolean): string {
  if (e.unit === "count") return lower ? "fewer" : "more";
  return lower ? "lower" : "higher";
}

/** "1.2 fewer instances in use than spread-az (-16%, 95% CI 0.9 to 1.5)" */
function by(e: Pick<VerdictEntry, "unit" | "label">, d: Difference, other: string, withCi: boolean): string {
  const fmt = columnFormat(
    e.unit,
    [Math.abs(d.meanDifference), Math.abs(d.low ?? 0), Math.abs(d.high ?? 0)],
    true,
  );
  const size = fmt(Math.abs(d.meanDifference));
  const rel = relative(d.relativeChange);
  const ci =
    withCi && d.low !== null && d.high !== null
      ? `95% CI ${fmt(Math.min(Math.abs(d.low), Math.abs(d.high)))} to ${fmt(Math.max(Math.abs(d.low), Math.abs(d.high)))}`
      : "";
  const note = [rel, ci].filter((p) => p !== "").join(", ");
  return `${size} ${comparative(e, d.meanDifference < 0)} ${e.label} than ${other}${note ? ` (${note})` : ""}`;
}

/** One line per key metric: the winner and by how much, or why there is none. */
export function entrySentence(e: VerdictEntry): string {
  if (e.best === null) return `${e.label}: nothing to compare.`;
  if (e.comparedWith === null || e.difference === null)
    return `${e.label}: a single strategy, nothing to compare.`;
  if (e.significant) return `${e.label}: ${e.best} is best, ${by(e, e.difference, e.comparedWith, true)}.`;
  const fmt = columnFormat(e.unit, [e.bestMean, e.comparedMean ?? 0]);
  // Equal in every replication (up to rounding): say so rather than "not significant".
  const eps = 1e-9 * Math.max(1, Math.abs(e.bestMean));
  if (Math.abs(e.difference.meanDifference) <= eps && (e.difference.ci95 ?? 0) <= eps) {
    return `${e.label}: no difference (${fmt(e.bestMean)} for ${e.best} and ${e.comparedWith} in every replication).`;
  }
  return (
    `${e.label}: no significant difference (${e.best} ${fmt(e.bestMean)}, ${e.comparedWith} ` +
    `${fmt(e.comparedMean ?? 0)}; the paired 95% CI includes 0).`
  );
}

/** "binpack-memory has 1.2 fewer instances in use than spread-az (-16%); spread-az has 41 s lower p95 placement delay than binpack-memory (-100%)." */
export function tradeOffSentence(t: TradeOff, verdict: Verdict): string {
  const entry = (metric: string) => verdict.entries.find((e) => e.metric === metric)!;
  const first = `${t.first} has ${by(entry(t.firstMetric), t.firstDifference, t.second, false)}`;
  const second = `${t.second} has ${by(entry(t.secondMetric), t.secondDifference, t.first, false)}`;
  return `Trade-off: ${first}; ${second}.`;
}

/** The heading line: how many replications and what the winners are compared with. */
export function verdictIntro(verdict: Verdict): string {
  const n = verdict.replications;
  return (
    `Verdict over ${n} replication${n === 1 ? "" : "s"}: per key metric the best strategy, compared seed by seed ` +
    `with ${verdict.baseline} (or the runner-up where ${verdict.baseline} is best); a winner is named only ` +
    "where the paired 95% confidence interval excludes 0."
  );
}

export interface VerdictLines {
  intro: string;
  /** Why the comparison cannot discriminate (saturated, identical, few replications): shown first. */
  warnings: string[];
  /** Caveats on single metrics (wide intervals): shown after the entries. */
  notes: string[];
  tradeOff: string | null;
  entries: { text: string; significant: boolean }[];
}

export function verdictLines(verdict: Verdict): VerdictLines {
  return {
    intro: verdictIntro(verdict),
    warnings: verdict.warnings.filter((w) => w.kind !== "wide-ci").map((w) => w.message),
    notes: verdict.warnings.filter((w) => w.kind === "wide-ci").map((w) => w.message),
    tradeOff: verdict.tradeOff ? tradeOffSentence(verdict.tradeOff, verdict) : null,
    entries: verdict.entries.map((e) => ({ text: entrySentence(e), significant: e.significant })),
  };
}
