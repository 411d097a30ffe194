/** Word formatting for what the command line prints: counts with the right plural. */

/** "1 strategy", "3 strategies", "0 seeds". */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}
