/**
 * Splits a cluster query into tokens. Words run until whitespace, a bracket, a comma, a quote or an
 * operator symbol, so `not(task:group == database)` and `a==b&&c==d` both split as expected. Quoted
 * arguments ('...' or "...") may contain anything but their own quote (needed for regexes with parentheses).
 */
export type TokenKind = "word" | "quoted" | "symbol" | "end";

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column of the token's first character. */
  column: number;
}

/** Longest first, so ">=" wins over ">". */
const SYMBOLS = ["==", "!=", ">=", "<=", "=~", "!~", "&&", "||", ">", "<", "!", "(", ")", "[", "]", ","];

export class CqlSyntaxError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(`column ${column}: ${message}`);
    this.name = "CqlSyntaxError";
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at]!;
    if (/\s/.test(c)) {
      at++;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, at + 1);
      if (close < 0) throw new CqlSyntaxError(at + 1, `unterminated quoted argument (missing ${c})`);
      tokens.push({ kind: "quoted", text: text.slice(at + 1, close), column: at + 1 });
      at = close + 1;
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, at));
    if (symbol) {
      tokens.push({ kind: "symbol", text: symbol, column: at + 1 });
      at += symbol.length;
      continue;
    }
    const start = at;
    while (at < text.length && !endsWord(text, at)) at++;
    tokens.push({ kind: "word", text: text.slice(start, at), column: start + 1 });
  }
  tokens.push({ kind: "end", text: "", column: text.length + 1 });
  return tokens;
}

function endsWord(text: string, at: number): boolean {
  const c = text[at]!;
  if (/\s/.test(c) || "()[],'\"".includes(c)) return true;
  // A lone "!" inside a word (rare) stays part of it; operator pairs and comparisons end it.
  return SYMBOLS.some((s) => s.length === 2 && text.startsWith(s, at)) || c === ">" || c === "<";
}
