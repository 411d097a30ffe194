/**
 * Value semantics of the cluster query language: versions compare segment by segment as numbers
 * (1.9.0 < 1.14.5), dates in the four documented formats compare as instants (a bare date is midnight UTC,
 * a time without zone is UTC), attribute values compare as numbers when both sides are numbers, as versions
 * when both are dotted numbers, else as strings.
 */
const VERSION = /^v?(\d+(?:\.\d+)*)$/;

export function parseVersion(text: string): number[] | undefined {
  const m = VERSION.exec(text.trim());
  return m ? m[1]!.split(".").map(Number) : undefined;
}

export function compareVersions(a: number[], b: number[]): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/;

/** Milliseconds since the Unix epoch, or undefined for anything but the documented formats. */
export function parseCqlDate(text: string): number | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone = "Z"] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  // Reject impossible calendar dates that Date.parse would roll over (2018-02-30).
  const check = new Date(Date.parse(`${y}-${mo}-${d}T00:00:00Z`));
  if (check.getUTCDate() !== Number(d)) return undefined;
  return ms;
}

/** Orders two attribute values: numbers, then dotted versions, then strings. */
export function compareValues(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== "" && b.trim() !== "" && Number.isFinite(na) && Number.isFinite(nb))
    return na === nb ? 0 : na < nb ? -1 : 1;
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (va && vb) return compareVersions(va, vb);
  return a === b ? 0 : a < b ? -1 : 1;
}
