/**
 * Durations in scenario files: a number of seconds, or a string of number+unit parts such as "90s",
 * "20m", "4h", "1d", "1h30m", "250ms".
 */
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/** Seconds, or undefined when the text is not a duration. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  if (!WHOLE.test(text)) return undefined;
  let seconds = 0;
  for (const m of text.matchAll(PART)) seconds += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return seconds;
}

/** Formats seconds compactly for tables: 0.35s, 42s, 12.5m, 3.2h. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 60) return `${round3(seconds)}s`;
  if (seconds < 3600) return `${round3(seconds / 60)}m`;
  return `${round3(seconds / 3600)}h`;
}

function round3(x: number): string {
  return String(Number(x.toPrecision(3)));
}
