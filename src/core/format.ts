/**
 * Number and word formatting for what the command line prints: counts with the right plural, and a mean
 * with its confidence half-width rounded to what the half-width makes meaningful.
 */

/** "1 strategy", "3 strategies", "0 seeds". */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}

/**
 * Digits after the point for a value known to ± `halfWidth`: two significant digits of the half-width,
 * one when its leading digit is 3 or more (so 0.0966 shows as 0.1, 0.0234 as 0.023), none from 10 on.
 */
export function decimalsFor(halfWidth: number): number {
  if (!Number.isFinite(halfWidth) || halfWidth <= 0) return 0;
  const leading = halfWidth / 10 ** Math.floor(Math.log10(halfWidth));
  const significant = leading >= 3 ? 1 : 2;
  // Rounded first: 0.0966 to one digit is 0.1, a decade up.
  const rounded = Number(halfWidth.toPrecision(significant));
  return Math.max(0, significant - 1 - Math.floor(Math.log10(rounded)));
}

/** "7.9 ± 0.1", "1120 ± 23", "0.52 ± 0.013": mean and half-width at the half-width's precision. */
export function meanPlusMinus(mean: number, halfWidth: number, maxDecimals = 6): string {
  const d = Math.min(maxDecimals, decimalsFor(halfWidth));
  return `${mean.toFixed(d)} ± ${halfWidth.toFixed(d)}`;
}
