import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { manySourcesScenario } from "../../bench/scenario-load.ts";
import { fastYamlData, NO_FAST_PATH } from "../../src/scenario/fast-yaml.ts";
import { loadScenarioText } from "../../src/scenario/load.ts";
import { InputError } from "../../src/scenario/problems.ts";
import { parseSource } from "../../src/scenario/source-map.ts";

/** A leading comment, which both engines skip. */
const PADDING = "# a scenario\n";

/** What the position-keeping parser (the reference) makes of the text. */
function reference(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  expect(doc.errors).toEqual([]);
  return doc.toJS({ maxAliasCount: 1000 });
}

// Plain scalars where YAML 1.1, js-yaml's own schemas and YAML 1.2 core disagree, and the usual ones.
const SCALARS = [
  "1",
  "-0",
  "+12",
  "007",
  "0o17",
  "0o19",
  "0x1F",
  "0X1F",
  "0xg",
  "1_000",
  "0b101",
  "1e3",
  "1E-3",
  "+1e+3",
  ".5",
  "-.5",
  "1.",
  "1.50",
  ".e3",
  "1e",
  ".inf",
  "-.Inf",
  "+.INF",
  ".Inf",
  "-.inf",
  ".nan",
  ".NaN",
  ".NAN",
  "nan",
  "inf",
  "~",
  "null",
  "Null",
  "NULL",
  "nUll",
  "true",
  "True",
  "TRUE",
  "tRue",
  "false",
  "False",
  "FALSE",
  "yes",
  "no",
  "on",
  "off",
  "y",
  "n",
  "2001-12-14",
  "2001-12-14t21:59:43.10-05:00",
  "12:30:45",
  "190:20:30",
  "1,000",
  "=",
  "a b",
  "1 2",
  "0.1e1",
  "9007199254740993",
  "1e400",
  "-1e400",
  "'1'",
  '"1"',
  '"\\u00e9\\t"',
  "'it''s'",
  "1h",
  "30s",
  "us-east-1a",
  "m5.2xlarge",
];

describe("fast YAML path", () => {
  it("reads every plain scalar as YAML 1.2 core does (the position-keeping parser's data)", () => {
    const text = `${PADDING}values:\n${SCALARS.map((s) => `  - ${s}`).join("\n")}\nflow: [${SCALARS.filter((s) => !/[,\s]/.test(s)).join(", ")}]\nempty:\n`;
    const fast = fastYamlData(text);
    expect(fast).not.toBe(NO_FAST_PATH);
    expect(fast).toEqual(reference(text));
    // -0 stays -0 (toEqual tells them apart).
    expect((fast as { values: unknown[] }).values[1]).toBe(-0);
  });

  it("reads block scalars, folding and quoting as the reference does", () => {
    const text = `${PADDING}a: |\n  one\n   two\n\nb: >-\n  folded\n  text\n\n  para\nc: "multi\n  line"\nd: plain\n  continued\ne: { k: v, n: 1 }\nf:\n  - [1, "2", '3']\n  - {}\n`;
    expect(fastYamlData(text)).toEqual(reference(text));
  });

  it("agrees with the reference on a generated 2,000-source scenario", () => {
    const text = manySourcesScenario(2000);
    expect(fastYamlData(text)).toEqual(reference(text));
  });

  it("reads small documents too (loading the position-keeping engine costs more than they do)", () => {
    expect(fastYamlData("a: 1\n")).toEqual({ a: 1 });
    expect(parseSource("small.yaml", "a: 1\n").positionsOnDemand).toBe(true);
  });

  it("refuses every feature where the engines could differ", () => {
    for (const body of [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "base: {}\nm:\n  <<: {a: 1}\n",
      "__proto__: {a: 1}\n",
      "~: 1\n",
      "null: 1\n",
      ": 1\n",
      "m: {null: 1}\n",
      "? complex\n: 1\n",
      "%YAML 1.2\n---\na: 1\n",
      "a: 1\na: 2\n",
      "a: 1\n---\nb: 2\n",
      "a:\n\t- 1\n",
    ]) {
      expect(fastYamlData(`${PADDING}${body}`), body).toBe(NO_FAST_PATH);
    }
  });

  it("loads a large scenario through the fast path, with the same result as the full parse", () => {
    const text = manySourcesScenario(1500);
    expect(parseSource("big.yaml", text).positionsOnDemand).toBe(true);
    const fast = loadScenarioText("big.yaml", text).scenario;
    const full = loadScenarioText("big.yaml", `%YAML 1.2\n---\n${text}`).scenario;
    expect(fast).toEqual(full);
  });

  it("reports a problem in fast-path data exactly as the full parse does (text, line and column)", () => {
    const good = manySourcesScenario(1500);
    const bad = good
      .replace("arrival: { type: poisson, ratePerHour: 3 }", "arrival: { type: poison, ratePerHour: 3 }")
      .replace("horizon: 1h", "horizon: 1h\nunknownField: 1");
    const messages = (text: string) => {
      try {
        loadScenarioText("big.yaml", text);
      } catch (e) {
        if (e instanceof InputError) return e.message;
        throw e;
      }
      return "loaded";
    };
    const viaFast = messages(bad);
    // The directive line forces the position-keeping parser and shifts every line by two.
    const viaFull = messages(`%YAML 1.2\n---\n${bad}`).replace(
      /big\.yaml:(\d+):/g,
      (_, l) => `big.yaml:${Number(l) - 2}:`,
    );
    expect(viaFast).toMatch(/big\.yaml:4:1 unknownField: unknown field "unknownField"/);
    expect(viaFast).toMatch(/type/);
    expect(viaFast).toBe(viaFull);
  });
});
