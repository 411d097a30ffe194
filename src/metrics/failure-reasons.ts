/**
 * The failure reasons a run can count (failureReasons.<REASON> in results.json and gates), so a gate on a
 * misspelt reason is rejected instead of passing forever on a count that can never be anything but 0.
 */
import { MISFIT_REASON } from "../model/cluster.ts";

export const FAILURE_REASONS: readonly string[] = [
  ...MISFIT_REASON.filter((r) => r !== ""),
  "CONSTRAINT:memberOf",
  "CONSTRAINT:distinctInstance",
  "NO_ACTIVE_INSTANCES",
];

/** Why `reason` is not a failure reason berth counts, or undefined when it is. STRATEGY:<name> is open. */
export function failureReasonProblem(reason: string): string | undefined {
  if (FAILURE_REASONS.includes(reason) || /^STRATEGY:.+$/.test(reason)) return undefined;
  const near = FAILURE_REASONS.filter((r) => distance(r.toUpperCase(), reason.toUpperCase()) <= 2);
  const hint = near.length > 0 ? `did you mean ${near.join(" or ")}? ` : "";
  return `unknown failure reason "${reason}" (${hint}known: ${FAILURE_REASONS.join(", ")}, STRATEGY:<filter name>)`;
}

/** Levenshtein distance (short strings only). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
