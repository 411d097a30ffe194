/**
 * Regular expressions of the cluster query language (`=~`, `!~`) run on V8's linear-time engine (the `l`
 * flag, enabled here with --enable-experimental-regexp-engine), so no pattern can backtrack
 * catastrophically: `(a+)+b` against a long attribute value takes microseconds, not forever.
 * The price: features that need backtracking (back-references such as \1, look-ahead and look-behind)
 * cannot run in linear time; such a pattern is rejected when the expression is parsed, with a message
 * saying why. Matching follows Java's Pattern.matches as ECS does: the whole value must match.
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--enable-experimental-regexp-engine");

/** The whole-value matcher for a CQL pattern; throws a SyntaxError for patterns that are not valid or not linear. */
export function wholeMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, "l");
}

/** Why `pattern` cannot be used, or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(`^(?:${pattern})$`);
  } catch {
    return `"${pattern}" is not a valid regular expression`;
  }
  try {
    wholeMatch(pattern);
  } catch {
    return (
      `"${pattern}" cannot be matched in linear time (back-references and look-around are not supported, ` +
      "so that no pattern can hang a run)"
    );
  }
  return undefined;
}
