/**
 * Untrusted names (strategies, services, scenarios are user-written) in plain-text outputs. HTML has
 * html-escape.ts; these cover the terminal and Markdown.
 */

/** Control characters (C0, DEL, C1) would move the cursor or recolour the terminal: shown as \u escapes. */
export function terminalText(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    out += control ? `\\u${code.toString(16).padStart(4, "0")}` : c;
  }
  return out;
}

/**
 * Inline Markdown (GitHub flavour), mid-sentence: every character that can open emphasis, code, a link,
 * HTML, an entity, math or a table cell is backslash-escaped, and line breaks become spaces, so a name renders
 * as itself. (Characters that only matter at the start of a line, like "-" or "#", are left alone.)
 */
export function markdownText(text: string): string {
  return terminalText(text.replace(/[\r\n]+/g, " ")).replace(/[\\`*_[\]<>|~&$]/g, "\\$&");
}

/**
 * Inline code (GitHub flavour) for user text such as a gate: the fence is longer than any run of backticks
 * inside, line breaks become spaces, control characters \u escapes and "|" is escaped (GFM splits table
 * cells on it even inside code).
 */
export function markdownCode(text: string): string {
  const body = terminalText(text.replace(/[\r\n]+/g, " ")).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * One CSV field (RFC 4180) of user text: quoted when it holds a comma, quote or line break, and a leading
 * "=", "+", "-", "@", tab or carriage return gets a "'" first, so a spreadsheet shows the name instead of
 * running it as a formula. Numbers are written by the caller as they are.
 */
export function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
