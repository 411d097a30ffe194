/**
 * The fast path of scenario parsing: the data of a plain YAML (or JSON) document without node positions.
 * Building the position-keeping document (`yaml`'s parseDocument, source-map.ts) dominates the load of a
 * large file (2 MB of YAML: about 1 s with positions, under 0.1 s without), and loading `yaml` itself
 * (about 50 ms) costs more than reading a small scenario (js-yaml: about 5 ms with its own loading).
 *
 * It must give exactly the data the position-keeping parser gives, or nothing (the caller then uses that
 * parser). So it answers only for documents that avoid every feature where the two engines could differ:
 *   - anchors, aliases, tags, merge keys, directives and complex keys: any `&`, `*`, `!`, `<<` or `%` at
 *     a line start, or `? ` key marker refuses the fast path (also when such a character sits inside a
 *     quoted string: refusing is always safe);
 *   - `__proto__` anywhere (the two engines guard prototype keys differently);
 *   - keys written as null (`~:`, `null:`) or empty: `yaml` names such a key "" and js-yaml "null";
 *   - scalar resolution: js-yaml's own core schema accepts more than YAML 1.2's core schema (underscores
 *     in numbers, `0b` binary), so the schema here is built from YAML 1.2 core's exact patterns, the ones
 *     `yaml` uses: null `~|null|Null|NULL|empty`, bool `true|True|TRUE|false|False|FALSE`, int decimal,
 *     `0o` octal and `0x` hex, float with `.inf`/`.nan` spellings; everything else is a string;
 *   - anything js-yaml reports as an error (duplicate keys, bad indentation, several documents).
 * The loader (load.ts) also re-reads the file with positions whenever the fast data leads to any error or
 * warning, so problems are reported exactly as before.
 */
import jsyaml from "js-yaml";

/** No fast answer: parse with positions. */
export const NO_FAST_PATH: unique symbol = Symbol("no fast path");

const REFUSED =
  /[&*!]|<<|__proto__|^%|^\s*\?(?:\s|$)|^[\s-]*(?:~|null|Null|NULL)?\s*:(?:\s|$)|[{,]\s*(?:~|null|Null|NULL)?\s*:(?:\s|$)/m;

/** One implicit scalar type (js-yaml keeps one type per tag, so each tag's patterns are tried in order). */
const scalar = (tag: string, forms: [RegExp, (s: string) => unknown][]) => {
  const formOf = (s: string) => forms.find(([test]) => test.test(s));
  return new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (s: string | null) => formOf(s ?? "") !== undefined,
    construct: (s: string | null) => formOf(s ?? "")![1](s ?? ""),
  });
};

/** YAML 1.2 core schema, with the patterns and conversions of `yaml` (its schema/core and common files). */
const CORE_1_2 = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar("null", [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    scalar("bool", [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === "t" || s[0] === "T"]]),
    scalar("int", [
      [/^0o[0-7]+$/, (s) => Number.parseInt(s.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (s) => Number.parseInt(s, 10)],
      [/^0x[0-9a-fA-F]+$/, (s) => Number.parseInt(s.substring(2), 16)],
    ]),
    scalar("float", [
      [
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
        (s) =>
          s.slice(-3).toLowerCase() === "nan"
            ? Number.NaN
            : s[0] === "-"
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY,
      ],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => Number.parseFloat(s)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => Number.parseFloat(s)],
    ]),
  ],
});

/** The document's data, or NO_FAST_PATH when this document must be parsed with positions. */
export function fastYamlData(text: string): unknown {
  if (REFUSED.test(text)) return NO_FAST_PATH;
  try {
    return jsyaml.load(text, { schema: CORE_1_2 });
  } catch {
    return NO_FAST_PATH;
  }
}
