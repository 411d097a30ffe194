/** Word formatting for what the command line prints: counts with the right plural. */

/** "1 strategy", "3 strategies", "0 seeds". */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}

/**
 * "7.9 ± 0.1": a mean and its confidence half-width, the half-width rounded to one significant digit (two
 * when it starts with 1 or 2, where one digit would be off by up to a third) and the mean to the same
 * decimal place, so the mean shows no digit the interval makes meaningless. Large half-widths round the
 * mean to tens, hundreds, ... ("12300 ± 300"). A half-width of 0 (or none) leaves the mean as it is.
 */
export function plusMinus(mean: number, half: number): string {
  if (!(half > 0) || !Number.isFinite(half) || !Number.isFinite(mean)) return `${mean} ± ${half}`;
  // Leading digit and decimal exponent read from the decimal text (log10 and division are inexact).
  const [mantissa, exp] = half.toExponential(3).split("e");
  const lead = Number(mantissa![0]);
  const exponent = Number(exp);
  // One digit, or two for 1 and 2; a 9.5 or more rounds up to the next power of ten (0.0966 -> 0.1).
  const place = lead <= 2 ? exponent - 1 : Number(mantissa) >= 9.5 ? exponent + 1 : exponent;
  const shown = (v: number) => {
    const text = place < 0 ? v.toFixed(-place) : (Math.round(v / 10 ** place) * 10 ** place).toFixed(0);
    return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
  };
  return `${shown(mean)} ± ${shown(half)}`;
}
