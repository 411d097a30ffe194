/**
 * The gates table shared by summary.md and the HTML report: a one-line verdict and one row per
 * (gate, strategy) check, in results order.
 */
import type { GateResult } from "../stats/gates/evaluate-gates.ts";
import type { Results } from "./results.ts";

export interface GatesTable {
  /** "Every gate held." or "2 of 5 gate checks tripped." */
  verdict: string;
  header: string[];
  rows: { gate: string; strategy: string; status: GateResult["status"]; detail: string }[];
}

export const GATE_HEADER = ["gate", "strategy", "result", "detail"];

/** Null when the run had no gates. */
export function gatesTable(results: Results): GatesTable | null {
  if (results.gates.length === 0) return null;
  const tripped = results.gates.filter((g) => g.status === "tripped").length;
  return {
    verdict: tripped > 0 ? `${tripped} of ${results.gates.length} gate checks tripped.` : "Every gate held.",
    header: GATE_HEADER,
    rows: results.gates.map((g) => ({
      gate: g.gate,
      strategy: g.strategy,
      status: g.status,
      detail: g.message,
    })),
  };
}
