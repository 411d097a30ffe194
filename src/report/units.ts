/**
 * One number format per column: every cell of a table column (mean and CI half-width alike) is written in
 * the same unit with the same decimals, chosen from the largest magnitude in the column, so a reader never
 * compares "20.8s" with "1.1m". Fractions are percentages; a difference of fractions is in percentage
 * points (pp), so it cannot be mistaken for a relative change.
 */
import type { Unit } from "../metrics/catalog.ts";

export type { Unit } from "../metrics/catalog.ts";

export type Format = (v: number) => string;

/** Decimals that give about three significant digits at magnitude `max` (at least 0, at most `cap`). */
function decimalsFor(max: number, cap = 3): number {
  if (!(max > 0) || !Number.isFinite(max)) return Math.min(1, cap);
  return Math.max(0, Math.min(cap, 2 - Math.floor(Math.log10(max))));
}

const largest = (values: number[]) =>
  values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);

/** toFixed without a negative zero ("-0.0"). */
const fixed = (v: number, decimals: number) => {
  const text = v.toFixed(decimals);
  return text === `-${(0).toFixed(decimals)}` ? text.slice(1) : text;
};

/**
 * The format of a column of `unit` values. `values` are every figure the column will show (means and
 * half-widths); `difference` formats fractions as percentage points.
 */
export function columnFormat(unit: Unit, values: number[], difference = false): Format {
  const max = largest(values);
  switch (unit) {
    case "fraction": {
      const d = Math.min(1, decimalsFor(max * 100, 1));
      return difference ? (v) => `${fixed(v * 100, d)} pp` : (v) => `${fixed(v * 100, d)}%`;
    }
    case "seconds": {
      const [scale, suffix] = max >= 7200 ? [3600, "h"] : max >= 120 ? [60, "min"] : [1, "s"];
      const d = decimalsFor(max / scale, 2);
      return (v) => `${fixed(v / scale, d)} ${suffix}`;
    }
    case "dollars": {
      const d = max >= 1000 ? 0 : 2;
      return (v) => (v < 0 ? `-$${fixed(-v, d)}` : `$${fixed(v, d)}`);
    }
    case "ratio":
      return (v) => fixed(v, 3);
    case "count":
      // All zero: whole numbers ("0 ± 0"), not "0.0".
      return (v) => fixed(v, max === 0 ? 0 : decimalsFor(max, 2));
  }
}

/** "+1.2" / "-1.2": a signed difference in a column's format. */
export function signed(format: Format, v: number): string {
  return v < 0 ? `-${format(-v)}` : `+${format(v)}`;
}

/** A relative change as a signed percentage, "+12.3%"; "" when there is none. */
export function relative(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return "";
  const pct = (change * 100).toFixed(Math.abs(change) >= 0.1 ? 0 : 1);
  return `${change < 0 ? "" : "+"}${pct}%`;
}
