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
