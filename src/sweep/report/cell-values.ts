/** How sweep cells and figures are shown in the sweep report's tables and charts. */
import { plusMinus } from "../../core/format.ts";
import type { SweepResults } from "../sweep-results.ts";

/** A parameter value as text: numbers and strings as written, anything else as compact JSON. */
export function valueText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return JSON.stringify(v);
}

/** "loadFactor=1.5, cluster.instances[0].count=6" */
export function cellLabel(results: SweepResults, values: unknown[], skip?: number): string {
  return results.sweep.parameters
    .map((p, i) => (i === skip ? "" : `${p}=${valueText(values[i])}`))
    .filter((t) => t !== "")
    .join(", ");
}

/** Whether every value of parameter i is a number (a quantitative axis) or not (an ordinal one). */
export function isNumericParameter(results: SweepResults, i: number): boolean {
  return results.cells.every((c) => typeof c.values[i] === "number");
}

/** A figure in three significant digits (whole numbers above 100). */
export function figure(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3)));
}

/**
 * "7.9 ± 0.1": the mean to the half-width's precision (plusMinus); a half-width that is rounding noise next
 * to the mean shows as 0.
 */
export function meanAndHalfWidth(mean: number, half: number | null): string {
  if (half === null) return figure(mean);
  if (half <= 1e-9 * Math.max(1, Math.abs(mean))) return `${figure(mean)} ± 0`;
  return plusMinus(mean, half);
}
